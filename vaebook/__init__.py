"""Companion package of *Variational Autoencoders: Logic and Practice*.

Each module holds code that a chapter builds in front of the reader first:
``linear_gaussian`` (chapter 01), ``layers`` (chapters 03 and 04), ``data``,
``session`` and the image grids of ``plots`` (chapter 05), ``models``,
``training``, the latent plots of ``plots`` and
``likelihoods.bernoulli_log_prob`` (chapter 06), the other ``likelihoods``
(chapter 08), ``converters`` (chapter 09), ``evaluation`` (chapter 10) and
``errata`` (appendix A1).
"""
