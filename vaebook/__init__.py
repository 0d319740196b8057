"""Companion package of the book *Variational Autoencoders: Logic and Practice*.

Each module holds code that a chapter builds in front of the reader first:
``data`` and the image grids of ``plots`` (chapter 00), ``linear_gaussian`` (chapter 01),
``layers`` (chapters 03 and 04), ``models``, ``training``, the latent plots of ``plots`` and
``likelihoods.bernoulli_log_prob`` (chapter 05), the other ``likelihoods`` (chapter 07),
``converters`` (chapter 08) and ``evaluation`` (chapter 09).
"""
