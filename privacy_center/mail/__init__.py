"""Outgoing mail: messages in the recipient's language, over SMTP or into the outbox folder.

Nothing here knows about jobs or Reflex: the ``mail.send`` job (services/mail_delivery.py)
composes a message with :mod:`.templates` and hands it to :func:`.transport.deliver`.
"""
