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
_LANG_BY_PREFIX = json.dumps({loc.prefix: loc.tag for loc in KNOWN_LOCALES})
EARLY_SCRIPT = (
    """(function(){try{var d=document.documentElement,q=new URLSearchParams(location.search),s=sessionStorage;
var L="""
    + _LANG_BY_PREFIX
    + """,p=location.pathname.split('/')[1];if(L[p]){d.lang=L[p]}
var e=q.get('embedded');if(e!==null){s.setItem('pc_embedded',e==='1'||e==='true'?'1':'0')}
if(s.getItem('pc_embedded')==='1'){d.setAttribute('data-embedded','1')}
var t=q.get('theme');if(t==='dark'||t==='light'){s.setItem('pc_theme',t)}
var th=s.getItem('pc_theme')||localStorage.getItem('pc_theme');if(th==='dark'||th==='light'){d.setAttribute('data-theme',th)}
}catch(err){}})();"""
)


# Inserted into <head> at run time, so the CSP hashes them beside the built HTML's scripts.
RUNTIME_INLINE_SCRIPTS = (EARLY_SCRIPT,)


def head_components() -> list[rx.Component]:
    """The early script, the viewport for phones, and the colour schemes we support."""
    return [
        rx.script(EARLY_SCRIPT),
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
