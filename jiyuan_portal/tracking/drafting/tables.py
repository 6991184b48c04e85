"""A 任务分解 table (a row of headings naming the task and its 牵头单位 / 责任单位, then one
row a task) written as the lines a notice would write, which ``structure`` reads: "(一)task",
"时间节点:…", "牵头单位:…", "责任单位:…". Tables come in Word documents
(``jiyuan_portal.drafts.reading``) and, pasted from Word, as lines of tab-separated cells.
"""

# The columns of a 任务分解 table, by the words of their heading, and how each is written
# as a line of text the drafter reads (``tracking.drafting.structure``).
TASK_COLUMNS = (("工作任务", "task"), ("重点任务", "task"), ("任务", "task"), ("内容", "task"))
LABELLED_COLUMNS = (
    ("牵头单位", "牵头单位"),
    ("责任单位", "责任单位"),
    ("配合单位", "配合单位"),
    ("完成时限", "时间节点"),
    ("时间节点", "时间节点"),
    ("完成时间", "时间节点"),
)
NUMERALS = "一二三四五六七八九十"


def _chinese_number(number: int) -> str:
    if number <= 10:
        return NUMERALS[number - 1]
    tens, ones = divmod(number, 10)
    return f"{NUMERALS[tens - 1] if tens > 1 else ''}十{NUMERALS[ones - 1] if ones else ''}"


def _column_roles(heading: list[str]) -> dict[int, str]:
    roles = {}
    for index, text in enumerate(heading):
        for words, label in LABELLED_COLUMNS:
            if words in text:
                roles[index] = label
                break
        else:
            if any(words in text for words, _role in TASK_COLUMNS) and "task" not in roles.values():
                roles[index] = "task"
    return roles


def table_lines(rows: list[list[str]]) -> list[str]:
    """A 任务分解 table (a heading row naming 牵头单位 or 责任单位) as the lines a notice
    would write: "(一)task", then "牵头单位:…", "责任单位:…", "时间节点:…"; any other table
    cell by cell."""
    roles = _column_roles(rows[0]) if rows else {}
    if "task" not in roles.values() or not {"牵头单位", "责任单位"} & set(roles.values()):
        return [cell for row in rows for cell in row if cell]
    lines = []
    for number, row in enumerate((r for r in rows[1:] if any(r)), start=1):
        by_role = {roles[i]: cell for i, cell in enumerate(row) if i in roles and cell}
        if "task" not in by_role:
            continue
        lines.append(f"({_chinese_number(number)}){by_role['task']}")
        lines.extend(
            f"{label}:{by_role[label]}"
            for label in ("时间节点", "牵头单位", "责任单位", "配合单位")
            if label in by_role
        )
    return lines


def untabulate(text: str) -> str:
    """``text`` with each run of tab-separated lines that is a 任务分解 table (its first line
    the headings) written as lines; other lines as they are."""
    lines, out, index = text.splitlines(), [], 0
    while index < len(lines):
        if "\t" not in lines[index]:
            out.append(lines[index])
            index += 1
            continue
        end = index
        while end < len(lines) and "\t" in lines[end]:
            end += 1
        rows = [[cell.strip() for cell in line.split("\t")] for line in lines[index:end]]
        out.extend(table_lines(rows) if _is_task_table(rows) else lines[index:end])
        index = end
    return "\n".join(out)


def _is_task_table(rows: list[list[str]]) -> bool:
    roles = set(_column_roles(rows[0]).values()) if rows else set()
    return "task" in roles and bool({"牵头单位", "责任单位"} & roles)
