"""What every page's ``<head>`` and ``<html>`` carry.

Theme and webview mode are applied before first paint, and ``<html lang>`` follows the
route's locale prefix.
"""

from __future__ import annotations

import json

import reflex as rx
from reflex.utils.imports import ImportVar
from reflex.vars.base import VarData

from privacy_center.i18n.locales import DEFAULT_LOCALE, KNOWN_LOCALES

# Runs before the body is parsed, so a webview never flashes the site header and a dark
# theme never flashes light. ?embedded= and ?theme= stick for the tab (sessionStorage),
# since in-app links do not carry the query string; a toggled theme sticks (localStorage).
# It also sets <html lang> from the URL: the shared fallback HTML of catch-all routes
# (the not-found page) says "en", and hydration does not correct <html> attributes.
# Last, it keeps the cookie pc_tz at the browser's time zone, so times rendered on the
# server use the person's zone (written only when it differs: no cookie churn).
# Written without "<" and "&": React writes a script's text into the prerendered HTML as
# is (it only breaks up "<script"), and the CSP hash is taken from that HTML.
_LANG_BY_PREFIX = json.dumps({loc.prefix: loc.tag for loc in KNOWN_LOCALES})
TZ_COOKIE = "pc_tz"
TZ_COOKIE_MAX_AGE = 365 * 24 * 3600
EARLY_SCRIPT = (
    """(function(){try{var d=document.documentElement,q=new URLSearchParams(location.search),s=sessionStorage;
var L="""
    + _LANG_BY_PREFIX
    + """,p=location.pathname.split('/')[1];if(L[p]){d.lang=L[p]}
var e=q.get('embedded');if(e!==null){s.setItem('pc_embedded',e==='1'||e==='true'?'1':'0')}
if(s.getItem('pc_embedded')==='1'){d.setAttribute('data-embedded','1')}
var t=q.get('theme');if(t==='dark'||t==='light'){s.setItem('pc_theme',t)}
var th=s.getItem('pc_theme')||localStorage.getItem('pc_theme');if(th==='dark'||th==='light'){d.setAttribute('data-theme',th)}
}catch(err){}
try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone,m=document.cookie.match(/(?:^|; )"""
    + TZ_COOKIE
    + """=([^;]*)/);
if(z){if(!m||decodeURIComponent(m[1])!==z){document.cookie='"""
    + TZ_COOKIE
    + """='+encodeURIComponent(z)+'; path=/; max-age="""
    + str(TZ_COOKIE_MAX_AGE)
    + """; SameSite=Lax'+(location.protocol==='https:'?'; Secure':'')}}
}catch(err){}})();"""
)


# Inline scripts the pages insert at run time (not in the built HTML), so the CSP hashes
# them too. The early script is not one: it is in every prerendered page, hashed there.
RUNTIME_INLINE_SCRIPTS: tuple[str, ...] = ()


def head_components() -> list[rx.Component]:
    """The early script (inline, so it runs before first paint) and our colour schemes.

    ``rx.script`` would wrap the script in react-helmet, which only inserts it once the
    JavaScript bundles run: a webview showed the site header and a light page until
    then. A plain ``<script>`` element is written into every prerendered page (the
    not-found fallback included), right after Reflex's own colour-mode script, before
    any stylesheet.
    """
    return [
        rx.el.script(EARLY_SCRIPT),
        rx.el.meta(name="color-scheme", content="light dark"),
    ]


def html_lang() -> rx.Var:
    """``<html lang>`` from the URL's locale prefix, right in prerendered HTML and after navigation."""
    cases = "".join(
        f"p.startsWith({json.dumps('/' + loc.prefix + '/')})||p==={json.dumps('/' + loc.prefix)}?{json.dumps(loc.tag)}:"
        for loc in KNOWN_LOCALES
    )
    expr = f"((p)=>({cases}{json.dumps(DEFAULT_LOCALE.tag)}))(useLocation().pathname)"
    return rx.Var(_js_expr=expr, _var_data=VarData(imports={"react-router": [ImportVar(tag="useLocation")]}))
