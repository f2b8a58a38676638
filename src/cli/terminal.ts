// ANSI/VT sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), and two-byte ESC x; then
// any remaining C0/C1 control except tab and line feed.
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text safe to write to a terminal: escape sequences (colour, cursor moves, window titles,
 * hyperlinks) and other control characters removed, tab and line feed kept. Names come from
 * imported files, so a listed name could otherwise repaint or rewrite the user's screen.
 * Linear in the text (every pattern advances on each character it consumes).
 */
export function forTerminal(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, '');
}
