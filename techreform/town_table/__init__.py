"""The town target table (技术改造{year}年攻坚目标任务分解表) as an Excel workbook.

``columns`` names the columns of the flat dataset and of the published layout;
``reading`` turns a workbook into that dataset, or refuses it listing every problem;
``writing`` produces the published layout again; ``progress`` puts each town's targets
beside its approved reform projects for the plan page, and ``chart`` draws the share each
town achieved. Import a name from the module
that owns it.
"""
