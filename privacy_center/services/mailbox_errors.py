"""What the mailbox page tells a person when a step cannot go ahead, in their language."""

from __future__ import annotations

from privacy_center.errors import DomainError, Gettext


class AddressMissingError(DomainError):
    """The address field was empty."""

    @staticmethod
    def describe(_: Gettext) -> str:
        """Shown under the address field."""
        return _("Enter an email address.")


class AddressWithoutAtError(DomainError):
    """No @ at all: the commonest slip."""

    @staticmethod
    def describe(_: Gettext) -> str:
        """Shown under the address field."""
        return _("An email address has a name, an @ and a domain, such as name@example.com.")


class AddressTooLongError(DomainError):
    """Longer than mail servers accept."""

    @staticmethod
    def describe(_: Gettext) -> str:
        """Shown under the address field."""
        return _("This email address is too long.")


class AddressInvalidError(DomainError):
    """Anything else the validator refused (spaces, a domain without a dot, ...)."""

    @staticmethod
    def describe(_: Gettext) -> str:
        """Shown under the address field."""
        return _("This is not a valid email address. Check it for spaces and for the dot in the part after the @.")


class TooManyCodesError(DomainError):
    """Sending is rate-limited per person and per address; ``until`` is already formatted."""

    status_code = 429

    @staticmethod
    def describe(_: Gettext) -> str:
        """Says when the person may ask again."""
        return _("Too many codes were sent. You can ask for a new one after %(until)s.")


class RecentSignInRequiredError(DomainError):
    """Changing or removing a confirmed address needs a recent sign-in."""

    status_code = 403

    @staticmethod
    def describe(_: Gettext) -> str:
        """The page shows the sign-in-again link next to it."""
        return _("To change or remove your confirmed address, please sign in again first.")


class NothingToRemoveError(DomainError):
    """Remove was asked with no confirmed address."""

    @staticmethod
    def describe(_: Gettext) -> str:
        """Shown when the page was out of date."""
        return _("There is no confirmed address to remove.")
