"""``/account/mailbox``: the address where exports and deletion receipts will go, confirmed by a code.

Every step runs through the authorization context for the person behind the cookie
(capability MANAGE_MAILBOX), never for anyone the browser names; the services decide and
record. The page holds only what it shows: addresses masked, never in full.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import reflex as rx

from privacy_center.authz import Capability, Subject
from privacy_center.components.controls import sign_in_prompt
from privacy_center.components.layout import back_link, page_shell
from privacy_center.components.links import anchor, page_href
from privacy_center.errors import DomainError, SignInRequiredError
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.formatting import format_moment, viewer_zone
from privacy_center.i18n.locales import UiLocale, from_path
from privacy_center.models.mailbox import ADDRESS_MAX_LENGTH
from privacy_center.pages.registry import BuiltPage, PageSpec
from privacy_center.services import mailbox
from privacy_center.services.mailbox_errors import RecentSignInRequiredError
from privacy_center.state.binding import SessionBound
from privacy_center.state.context import Context, run

PATH = "/account/mailbox"
T = TypeVar("T")


class MailboxState(SessionBound, rx.State):
    """What the page shows of the signed-in person's mailbox."""

    loaded: bool = False
    signed_in: bool = False
    confirmed: str = ""
    pending: str = ""
    pending_hint: str = ""
    address_error: str = ""
    code_message: str = ""
    notice: str = ""
    needs_reauth: bool = False

    @rx.event
    async def load(self) -> None:
        """Show the confirmed address and any code waiting."""
        self._clear_messages()
        await self._refresh()

    @rx.event
    async def send_code(self, form_data: dict[str, str]) -> None:
        """Send a code to the address typed in (the server validates, limits and records)."""
        self._clear_messages()
        address = str(form_data.get("address", ""))[: ADDRESS_MAX_LENGTH + 1]
        tz = viewer_zone(self.router.headers.cookie)

        def work(ctx: Context) -> str:
            return mailbox.request_code(
                ctx.session, subject=self._subject(ctx), address=address, locale=ctx.locale, now=ctx.now, tz=tz
            )

        masked = await self._attempt(work, refusal_in="address_error")
        if masked is None:
            return
        _ = gettext_for(self._locale())
        self.notice = _("We sent a 6-digit code to %(address)s.") % {"address": masked}
        await self._refresh()

    @rx.event
    async def confirm_code(self, form_data: dict[str, str]) -> None:
        """Check the code typed in against the one waiting for this person."""
        self._clear_messages()
        code = str(form_data.get("code", ""))[:16]

        def work(ctx: Context) -> mailbox.Confirmation:
            return mailbox.confirm(ctx.session, subject=self._subject(ctx), code=code, now=ctx.now)

        result = await self._attempt(work, refusal_in="code_message")
        if result is None:
            return
        _ = gettext_for(self._locale())
        match result.outcome:
            case mailbox.Outcome.CONFIRMED:
                self.notice = _("Your address is confirmed.")
            case mailbox.Outcome.WRONG:
                self.code_message = _("That code is not right. Tries left: %(left)d.") % {"left": result.tries_left}
            case mailbox.Outcome.EXHAUSTED:
                self.code_message = _("That code was wrong too many times. Ask for a new code.")
            case mailbox.Outcome.EXPIRED:
                self.code_message = _("This code has expired. Ask for a new code.")
            case mailbox.Outcome.NO_CODE:
                self.code_message = _("No code is waiting. Ask for a code first.")
        await self._refresh()

    @rx.event
    async def remove_address(self) -> None:
        """Forget the confirmed address (needs a recent sign-in)."""
        self._clear_messages()

        def work(ctx: Context) -> bool:
            mailbox.remove(ctx.session, subject=self._subject(ctx), now=ctx.now)
            return True

        if await self._attempt(work, refusal_in="notice") is None:
            return
        _ = gettext_for(self._locale())
        self.notice = _("Your address was removed.")
        await self._refresh()

    async def _attempt(self, work: Callable[[Context], T], *, refusal_in: str) -> T | None:
        """``work`` for the person behind the cookie; a refusal goes to the var ``refusal_in``, in their language.

        When the refusal asks for a recent sign-in, the page offers the sign-in-again link.
        """
        try:
            return await run(self, Capability.MANAGE_MAILBOX, work)
        except DomainError as error:
            setattr(self, refusal_in, error.message(self._locale()))
            self.needs_reauth = isinstance(error, RecentSignInRequiredError)
            return None

    async def _refresh(self) -> None:
        def work(ctx: Context) -> tuple[mailbox.MailboxStatus | None, UiLocale]:
            if ctx.subject is None:
                return None, ctx.locale
            return mailbox.status(ctx.session, subject=ctx.subject, now=ctx.now), ctx.locale

        status, locale = await run(self, Capability.MANAGE_MAILBOX, work)
        self.loaded, self.signed_in = True, status is not None
        self.confirmed = status.confirmed if status else ""
        self.pending = status.pending if status else ""
        expires = status.pending_expires_at if status else None
        _ = gettext_for(locale)
        tz = viewer_zone(self.router.headers.cookie)
        self.pending_hint = (
            _("Enter the code we sent to %(address)s. It is valid until %(until)s.")
            % {"address": self.pending, "until": format_moment(expires, locale, tz=tz)}
            if expires
            else ""
        )

    @staticmethod
    def _subject(ctx: Context) -> Subject:
        if ctx.subject is None:
            raise SignInRequiredError
        return ctx.subject

    def _locale(self) -> UiLocale:
        return from_path(self.router.url.path)

    def _clear_messages(self) -> None:
        self.address_error = self.code_message = self.notice = ""
        self.needs_reauth = False


def _message(text: rx.Var | str, *, class_name: str, element_id: str) -> rx.Component:
    # Always in the page (empty when silent): a message appearing shifts nothing below it.
    return rx.el.p(text, id=element_id, class_name=class_name, role="status", aria_live="polite", hidden=text == "")


def _address_form(locale: UiLocale) -> rx.Component:
    _ = gettext_for(locale)
    return rx.el.form(
        rx.el.div(
            rx.el.label(
                rx.cond(MailboxState.confirmed != "", _("New email address"), _("Email address")),
                html_for="mailbox-address",
            ),
            rx.el.input(
                id="mailbox-address",
                name="address",
                type="email",
                auto_complete="email",
                max_length=ADDRESS_MAX_LENGTH,
                required=True,
                aria_describedby="mailbox-address-error",
            ),
            _message(MailboxState.address_error, class_name="error", element_id="mailbox-address-error"),
            rx.cond(
                MailboxState.needs_reauth,
                anchor(_("Sign in again"), href="/auth/reauth?next=" + page_href(locale, PATH), id="mailbox-reauth"),
            ),
            class_name="field",
        ),
        rx.el.button(_("Send a code"), type="submit", class_name="button", id="mailbox-send"),
        on_submit=MailboxState.send_code,
        class_name="box",
        aria_label=_("Address to confirm"),
    )


def _code_form(locale: UiLocale) -> rx.Component:
    _ = gettext_for(locale)
    return rx.el.form(
        rx.el.p(MailboxState.pending_hint, id="mailbox-pending"),
        rx.el.div(
            rx.el.label(_("Code"), html_for="mailbox-code"),
            rx.el.input(
                id="mailbox-code",
                name="code",
                type="text",
                input_mode="numeric",
                pattern="[0-9 ]*",
                auto_complete="one-time-code",
                max_length=7,
                required=True,
                aria_describedby="mailbox-code-message",
            ),
            _message(MailboxState.code_message, class_name="error", element_id="mailbox-code-message"),
            class_name="field",
        ),
        rx.el.button(_("Confirm"), type="submit", class_name="button", id="mailbox-confirm"),
        on_submit=MailboxState.confirm_code,
        reset_on_submit=True,
        class_name="box",
        aria_label=_("Confirmation code"),
    )


def _confirmed(locale: UiLocale) -> rx.Component:
    _ = gettext_for(locale)
    return rx.el.section(
        rx.el.h2(_("Confirmed address"), class_name="box-title"),
        rx.cond(
            MailboxState.confirmed != "",
            rx.el.div(
                rx.el.p(MailboxState.confirmed, id="mailbox-confirmed"),
                rx.el.button(
                    _("Remove this address"),
                    type="button",
                    class_name="button",
                    on_click=MailboxState.remove_address,
                    id="mailbox-remove",
                ),
            ),
            rx.el.p(_("No address is confirmed yet."), id="mailbox-none"),
        ),
        class_name="box",
    )


def build(locale: UiLocale) -> BuiltPage:
    """Status first, then the step the person is at: an address to confirm, or a code to enter."""
    _ = gettext_for(locale)
    lead = _("Exports of your data and receipts for deletion requests will be sent to the address you confirm here.")
    body = rx.cond(
        MailboxState.signed_in,
        rx.el.div(
            _message(MailboxState.notice, class_name="notice", element_id="mailbox-notice"),
            _confirmed(locale),
            rx.cond(MailboxState.pending != "", _code_form(locale)),
            _address_form(locale),
        ),
        rx.cond(
            MailboxState.loaded,
            sign_in_prompt(locale, PATH, _("Sign in to confirm the address we may write to.")),
            rx.el.p(_("Loading…"), class_name="doc-meta"),
        ),
    )
    component = page_shell(
        locale, PATH, rx.el.h1(_("Your mailbox")), rx.el.p(lead, class_name="lead"), body, back=back_link(locale)
    )
    return BuiltPage(component=component, title=_("Your mailbox"), description=lead)


PAGE = PageSpec(path=PATH, build=build, on_load=MailboxState.load)
