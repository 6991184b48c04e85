"""Small helpers shared by the apps: plain Python, no models, nothing imported from the apps.

``numbers`` formats numbers for display, ``files`` checks uploads, ``text`` normalises the
spelling of names and spreadsheet cells.
"""
