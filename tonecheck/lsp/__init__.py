"""``tonecheck lsp``: the language server (:mod:`tonecheck.lsp.server`), the analysis of one buffer
(:mod:`tonecheck.lsp.analysis`) and offsets <-> LSP positions (:mod:`tonecheck.lsp.positions`).

Nothing is imported here: ``import tonecheck.lsp`` does not load pygls or spaCy.
"""
