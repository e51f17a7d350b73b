/**
 * The widget's look, inside its shadow root: the host page's CSS cannot reach in, and `all:
 * initial` on the wrapper stops inherited fonts, colours and spacing from leaking through. Applied as a
 * constructed stylesheet where the browser has them, so a strict host CSP (no 'unsafe-inline'
 * styles) does not strip it.
 */
export const CSS = `
:host { all: initial; }
/* Inherited properties still cross the shadow boundary through the host (the page's \`* { letter-spacing }\`
   wins over :host), so the wrapper resets everything again: nothing of the page reaches the widget. */
.lookout { all: initial; display: block; position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1a1f2b; }
*, *::before, *::after { box-sizing: border-box; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
button { font: inherit; cursor: pointer; }
button:focus-visible, textarea:focus-visible { outline: 3px solid #f5a524; outline-offset: 2px; }
.launcher { position: relative; width: 56px; height: 56px; border-radius: 50%; border: 0; background: #1f5fd6; color: #fff;
  box-shadow: 0 6px 20px rgba(20, 30, 60, .28); display: grid; place-items: center; margin-left: auto; }
.launcher:hover { background: #184db0; }
.launcher svg { width: 28px; height: 28px; fill: currentColor; }
.badge { position: absolute; top: -4px; right: -4px; min-width: 22px; height: 22px; padding: 0 6px; border-radius: 11px;
  background: #d92d20; color: #fff; font-size: 13px; font-weight: 600; line-height: 22px; text-align: center; }
.panel { position: absolute; right: 0; bottom: 72px; width: 360px; max-width: calc(100vw - 40px); height: 520px; max-height: calc(100vh - 110px);
  display: flex; flex-direction: column; background: #fff; border-radius: 14px; overflow: hidden;
  box-shadow: 0 12px 40px rgba(20, 30, 60, .3); border: 1px solid #d8dde8; }
.panel[hidden] { display: none; }
header { display: flex; align-items: center; gap: 8px; padding: 14px 12px 14px 18px; background: #1f5fd6; color: #fff; }
header h2 { flex: 1; margin: 0; font-size: 17px; font-weight: 600; }
.close { border: 0; background: transparent; color: #fff; width: 36px; height: 36px; border-radius: 8px; font-size: 22px; line-height: 1; }
.close:hover { background: rgba(255, 255, 255, .18); }
.log { flex: 1; overflow-y: auto; padding: 16px; background: #f6f8fb; display: flex; flex-direction: column; }
.list { flex: 1; margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: 10px; }
.empty { margin: auto 0; color: #4a5468; text-align: center; }
.msg { max-width: 82%; padding: 9px 13px; border-radius: 14px; white-space: pre-wrap; overflow-wrap: anywhere; }
.msg p { margin: 0; }
.msg.visitor { align-self: flex-end; background: #1f5fd6; color: #fff; border-bottom-right-radius: 4px; }
.msg.agent { align-self: flex-start; background: #fff; color: #1a1f2b; border: 1px solid #d8dde8; border-bottom-left-radius: 4px; }
.who { display: block; font-size: 12px; font-weight: 600; color: #4a5468; margin-bottom: 2px; }
.meta { display: block; font-size: 12px; margin-top: 3px; opacity: .9; text-align: right; }
.msg[data-state="failed"] { background: #fff4f2; color: #8a1c12; border: 1px solid #f1b5ad; }
.retry { border: 0; background: none; color: inherit; text-decoration: underline; padding: 0 0 0 6px; font-size: 12px; }
.status { margin: 0; padding: 0 16px; font-size: 13px; color: #4a5468; min-height: 0; }
.status:not(:empty) { padding: 6px 16px; background: #fff8e6; }
form { display: flex; gap: 8px; padding: 12px; border-top: 1px solid #d8dde8; background: #fff; }
textarea { flex: 1; resize: none; font: inherit; color: inherit; padding: 9px 11px; border: 1px solid #8f99ad; border-radius: 10px; min-height: 44px; max-height: 120px; }
.send { border: 0; border-radius: 10px; padding: 0 16px; background: #1f5fd6; color: #fff; font-weight: 600; }
.send:hover { background: #184db0; }
@media (max-width: 480px) { .lookout { right: 12px; bottom: 12px; } .panel { width: calc(100vw - 24px); height: calc(100vh - 96px); } }
@media (prefers-reduced-motion: no-preference) { .panel { animation: rise .16s ease-out; } @keyframes rise { from { opacity: 0; transform: translateY(8px); } } }
`;
