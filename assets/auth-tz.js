// The sign-in pages' only script (a file, so the CSP's script-src 'self' allows it; no
// inline script there). Like the center's early script, it keeps the cookie pc_tz at the
// browser's time zone, so a lockout time on the next page is shown in the person's zone
// even when they came straight from an app and never opened the center.
(function () {
  try {
    var z = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var m = document.cookie.match(/(?:^|; )pc_tz=([^;]*)/);
    if (z && (!m || decodeURIComponent(m[1]) !== z)) {
      document.cookie = "pc_tz=" + encodeURIComponent(z) + "; path=/; max-age=31536000; SameSite=Lax" +
        (location.protocol === "https:" ? "; Secure" : "");
    }
  } catch (err) {}
})();
