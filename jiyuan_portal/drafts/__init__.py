"""Drafting a later notice's plans from its text (方案草拟): an admin pastes or uploads the
text, reviews what ``jiyuan_portal.tracking.drafting`` read from it beside the text, resolves
the unit names the portal does not know, and publishes the plans in one transaction."""
