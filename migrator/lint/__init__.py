"""``psmigrate lint``: a catalog of checks on request bodies, in the style of Fixit and ruff.

``catalog.py`` holds the registry; each ``rules_*.py`` module registers a few small rules
(v1 leftovers PS4xx, limits PS5xx, inline content / placeholders / outputs / options PS6xx,
schema PS69x). ``payload.py`` tells which v2 endpoint a body is for, ``runner.py`` lints one
file per *source kind* (a function per file suffix, so the codemod can add ``.py``),
``fixes.py`` applies the safe fixes, ``config.py`` reads ``[tool.psmigrate]`` and
``report.py`` prints text, JSON, SARIF or GitHub annotations.
"""
