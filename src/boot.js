// Starts the portal without any inline script, so the Content-Security-Policy
// can forbid inline scripts altogether. Trunk writes the hashed names of the
// wasm-bindgen module and the wasm into <meta name="billing-portal-app">, and
// the integrity of both into its preload links; the wasm is fetched with that
// integrity, so a tampered file on the CDN is refused.

// Trusted Types. The CSP says `require-trusted-types-for 'script'`, so the
// browser refuses a plain string in every DOM sink that can run script
// (innerHTML, script.src, eval…) unless a policy vouches for it. Our own code
// never writes markup: API data always reaches the DOM as text nodes and
// attributes. The one writer is Leptos' renderer, which builds each view's
// static skeleton by setting `innerHTML` on a <template> element, from
// markup compiled into the wasm (`view!` literals; dynamic values are filled
// in afterwards through the DOM). It calls `element.innerHTML = string` with
// no policy of its own, so the only way through, short of patching the
// framework, is the `default` policy, which the browser consults for any
// plain string reaching a sink; the CSP's `trusted-types default` allows
// that one name and no other.
//
// The policy is as narrow as that use: markup passes only if it has none of
// what template skeletons never contain and an injection needs (<script>,
// frames, objects, <base>/<meta>/<link>/<style>, `on…=` handlers,
// `javascript:`/`vbscript:`/`data:text/html`, `srcdoc`, `formaction`);
// anything else is rejected, which the browser reports as a
// Trusted Types violation and refuses to write. Script URLs are allowed only
// on our own origin; `createScript` is not defined, so eval-like sinks stay
// closed. Installed here, before the wasm module is even imported.
const FORBIDDEN_MARKUP = [
  /<\s*\/?\s*(script|iframe|frame|frameset|object|embed|applet|base|meta|link|style|portal|noscript)\b/i,
  // An event-handler attribute, quoted or not: `<img src=x onerror=…>`.
  /<[^>]*[\s"'\/]on[a-z]+\s*=/i,
  /(java|vb)script\s*:/i,
  /data\s*:\s*text\/html/i,
  /\s(srcdoc|formaction|xlink:href)\s*=/i,
];

const isSafeTemplateMarkup = (markup) =>
  typeof markup === "string" && !FORBIDDEN_MARKUP.some((pattern) => pattern.test(markup));

const isOwnOrigin = (url) => {
  try {
    return new URL(url, document.baseURI).origin === window.location.origin;
  } catch {
    return false;
  }
};

if (window.trustedTypes?.createPolicy) {
  window.trustedTypes.createPolicy("default", {
    // Returning null makes the browser refuse the write (and report it).
    createHTML: (markup) => (isSafeTemplateMarkup(markup) ? markup : null),
    createScriptURL: (url) => (isOwnOrigin(url) ? url : null),
  });
}

const app = document.querySelector('meta[name="billing-portal-app"]');
const integrityOf = (href) =>
  document.querySelector(`link[href="${href}"][integrity]`)?.getAttribute("integrity") ?? undefined;

const { js, wasm } = app.dataset;
const { default: init } = await import(js);
await init({
  module_or_path: fetch(wasm, { integrity: integrityOf(wasm), credentials: "same-origin" }),
});
