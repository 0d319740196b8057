"""Companion package of the book *Variational Autoencoders: Logic and Practice*.

Each module holds code that a chapter builds in front of the reader first:
``layers`` (chapters 03 and 04), ``likelihoods`` (chapters 06 and 07),
``data`` and ``plots`` (chapter 00 onwards).
"""
