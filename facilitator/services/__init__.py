"""Domain services: verb-named functions that change state.

They take a SQLAlchemy session, model objects and plain values, flush, and return
objects. They never commit (the HTTP view or socket handler does, once) and never touch
the request. Rule violations raise ``facilitator.errors.DomainError`` subclasses.
"""
