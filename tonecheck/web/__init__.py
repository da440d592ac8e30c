"""``tonecheck serve``: the draft page, the JSON API and the coach's report, on Starlette.

The top layer beside the CLI: it uses the linter as any other program would. Nothing is stored on
the server; the page loads nothing from outside the machine (a strict Content-Security-Policy).
"""
