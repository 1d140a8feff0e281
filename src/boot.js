// Starts the portal without any inline script, so the Content-Security-Policy
// can forbid inline scripts altogether. Trunk writes the hashed names of the
// wasm-bindgen module and the wasm into <meta name="billing-portal-app">, and
// the integrity of both into its preload links; the wasm is fetched with that
// integrity, so a tampered file on the CDN is refused.
const app = document.querySelector('meta[name="billing-portal-app"]');
const integrityOf = (href) =>
  document.querySelector(`link[href="${href}"][integrity]`)?.getAttribute("integrity") ?? undefined;

const { js, wasm } = app.dataset;
const { default: init } = await import(js);
await init({
  module_or_path: fetch(wasm, { integrity: integrityOf(wasm), credentials: "same-origin" }),
});
