"""The teaching kit: student edition, grading, student website and slides.

Each tool runs as a module from the book's root, `python -m teaching.<tool>`
(README, "Teaching"); `teaching.book` is the one module that reads the
book's layout (pages, exercises, glue) for all of them.
"""
