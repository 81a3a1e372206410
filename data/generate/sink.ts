/**
 * Writes a CSV export in a given encoding, in chunks (a scaled-up benchmark file can be hundreds
 * of megabytes). Windows-1252 is written with iconv-lite; a character that Windows-1252 cannot
 * hold is a bug in the generator and throws instead of turning into `?`.
 */
import fs from "node:fs";
import iconv from "iconv-lite";

export type SinkEncoding = "utf-8" | "utf-8-bom" | "windows-1252";

const CHUNK = 1 << 20;

export class Sink {
  private fd: number;
  private buf: string[] = [];
  private size = 0;
  bytes = 0;
  lines = 0;

  constructor(
    readonly path: string,
    private readonly encoding: SinkEncoding,
    private readonly eol: "\n" | "\r\n",
  ) {
    this.fd = fs.openSync(path, "w");
    if (encoding === "utf-8-bom") this.writeBytes(Buffer.from([0xef, 0xbb, 0xbf]));
  }

  line(text: string): void {
    this.buf.push(text, this.eol);
    this.size += text.length + 2;
    this.lines++;
    if (this.size >= CHUNK) this.flush();
  }

  private writeBytes(b: Uint8Array): void {
    let off = 0;
    while (off < b.length) off += fs.writeSync(this.fd, b, off, b.length - off);
    this.bytes += b.length;
  }

  private flush(): void {
    if (this.buf.length === 0) return;
    const text = this.buf.join("");
    this.buf = [];
    this.size = 0;
    if (this.encoding === "windows-1252") {
      const bytes = iconv.encode(text, "win1252");
      if (iconv.decode(bytes, "win1252") !== text) {
        throw new Error(`${this.path}: text not representable in Windows-1252`);
      }
      this.writeBytes(bytes);
    } else {
      this.writeBytes(Buffer.from(text, "utf8"));
    }
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}
