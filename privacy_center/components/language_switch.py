"""The language switcher, and the ``hreflang`` alternates every page's ``<head>`` carries.

Switching language keeps the reader's place: the same page (a detail page included), the
same query (``?scenario=``, ``?from=&to=``) and the same ``#section``, in the other locale.
"""

from __future__ import annotations

import json

import reflex as rx
from reflex.utils.imports import ImportVar
from reflex.vars.base import VarData
from reflex.vars.function import FunctionVar

from privacy_center.components.links import anchor, page_href
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import DEFAULT_LOCALE, KNOWN_LOCALES, UiLocale
from privacy_center.settings import get_settings

_PREFIXES = json.dumps([loc.prefix for loc in KNOWN_LOCALES])


def _keep_place(other: UiLocale) -> FunctionVar:
    """A click handler compiled into the page (the CSP refuses eval) that POSTs the choice.

    It runs synchronously in the click, so it reads the address as it is now: a
    ``#section`` followed inside the page, or a comparison written in by
    ``history.replaceState``, which the router never hears about. ``lang=`` goes: it
    would name the language the reader is leaving.
    """
    code = (
        # Reflex calls it with a summary of the click first; the browser's event comes last.
        "((...a)=>{const e=a[a.length-1],f=e.currentTarget.closest('form');if(!f){return}e.preventDefault();"
        "try{const p=location.pathname.split('/');"
        f"if({_PREFIXES}.includes(p[1])){{p[1]={json.dumps(other.prefix)};"
        "const q=new URLSearchParams(location.search);q.delete('lang');const s=q.toString();"
        "f.elements.namedItem('next').value=p.join('/')+(s?'?'+s:'')+location.hash}}catch(err){}"
        "f.submit()})"
    )
    return rx.Var(_js_expr=code).to(FunctionVar)


def language_switcher(locale: UiLocale, path: str) -> rx.Component:
    """The current page in every other locale: a small same-origin POST form per language.

    A POST, not a link: ``/locale`` saves the choice to the account only on a POST from
    our own pages, so a link on another site cannot write to anyone's account. The
    choice is still a real link (``hreflang``, ``lang``): before the page's scripts run,
    following it switches this browser's language only (``GET /locale``) and lands on
    ``path``; once they run, a click posts the form with the exact place.
    """
    _ = gettext_for(locale)
    items = []
    for other in KNOWN_LOCALES:
        if other == locale:
            items.append(rx.el.li(rx.el.span(other.native_name, aria_current="true", lang=other.tag)))
            continue
        fallback = page_href(other, path)
        choice = rx.el.form(
            rx.el.input(type="hidden", name="to", value=other.code),
            rx.el.input(type="hidden", name="next", value=fallback),
            anchor(
                other.native_name,
                href=f"/locale?to={other.code}&next={fallback}",
                href_lang=other.tag,
                lang=other.tag,
                class_name="lang-choice",
                on_click=_keep_place(other),
            ),
            method="post",
            action="/locale",
            on_submit=None,  # a real form submission, not Reflex's prevent-default handler
        )
        items.append(rx.el.li(choice))
    return rx.el.nav(rx.el.ul(*items, class_name="lang-list"), aria_label=_("Language"), class_name="lang-switcher")


def _located_href(base: str, locale: UiLocale | None) -> rx.Var:
    """The page's address in ``locale`` (``None``: unprefixed), from the router's location.

    For dynamic routes (``/collected/[item]``), whose concrete path only the browser knows.
    """
    prefix = json.dumps(base + (f"/{locale.prefix}" if locale else ""))
    expr = f"((p)=>{prefix}+p.slice(Math.max(p.indexOf('/',1),0)))(useLocation().pathname)"
    return rx.Var(_js_expr=expr, _var_data=VarData(imports={"react-router": [ImportVar(tag="useLocation")]}))


def alternate_links(path: str) -> rx.Component:
    """``<link rel="alternate" hreflang>`` for every locale and ``x-default``.

    React hoists them into ``<head>``, so the prerendered HTML carries them as real
    attributes. ``x-default`` is the unprefixed address, which sends each visitor to
    their own language. Absolute URLs, as search engines require.
    """
    base = get_settings().public_url.rstrip("/")
    dynamic = "[" in path
    links = []
    for target, tag in [*((loc, loc.tag) for loc in KNOWN_LOCALES), (None, "x-default")]:
        if dynamic:
            href: str | rx.Var = _located_href(base, target)
        elif target is None:
            href = base + page_href(DEFAULT_LOCALE, path).removeprefix(f"/{DEFAULT_LOCALE.prefix}")
        else:
            href = base + page_href(target, path)
        links.append(rx.el.link(rel="alternate", href_lang=tag, href=href))
    return rx.fragment(*links)
