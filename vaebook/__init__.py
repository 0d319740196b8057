"""Companion package of *Variational Autoencoders: Logic and Practice*.

Each module holds code that a chapter builds in front of the reader first;
its docstring names the chapters: ``linear_gaussian``, ``layers``,
``gradients``, ``data``, ``session``, ``glue``, ``plots``, ``likelihoods``,
``models``, ``training``, ``converters``, ``evaluation``,
``rate_distortion``, ``errata`` and ``widgets``.
"""
