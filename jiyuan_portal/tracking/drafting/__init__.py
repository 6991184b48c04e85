"""Drafting a plan from the text of a notice (issue 14): what the text says, read the way
the five plans of 济政〔2017〕27号 were transcribed by hand into ``fixtures/plans/``."""
