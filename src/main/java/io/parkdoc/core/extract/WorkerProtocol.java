package io.parkdoc.core.extract;

import io.parkdoc.core.Mark;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames an extraction worker and its client exchange over the worker's stdin and stdout:
 * length-prefixed UTF-8 strings and big-endian ints ({@link DataOutputStream}), one request and one
 * response per file. Both sides use this class, so the format is written down once.
 */
public final class WorkerProtocol {
  /** Written by the worker once it has started, so the client knows the process is a worker. */
  public static final int HELLO = 0x70647831;

  private static final byte OK = 0;
  private static final byte FAILED = 1;
  private static final int MAX_STRING = 512 << 20;

  private WorkerProtocol() {}

  /**
   * One file to extract.
   *
   * @param path the file's absolute path, or (with {@code content}) its name
   * @param content the file's bytes, already read by the client; null to read {@code path}
   * @param maxChars the most characters to return
   * @param ocrLanguages tesseract languages for scans, joined by '+' ("kor+eng"); "" for no OCR
   */
  public record Request(String path, byte[] content, int maxChars, String ocrLanguages) {}

  /**
   * A worker's answer: the document, or the reason there is none.
   *
   * @param document the text, or null when {@code reason} says why not
   * @param reason null on success
   * @param detail what the parser said on failure, or null
   * @param exiting true when the worker ends after this answer (it ran out of memory)
   */
  public record Response(
      ExtractedDocument document, String reason, String detail, boolean exiting) {
    public static Response ok(ExtractedDocument document) {
      return new Response(document, null, null, false);
    }

    public static Response failed(String reason, String detail, boolean exiting) {
      return new Response(null, reason, detail, exiting);
    }
  }

  public static void write(DataOutputStream out, Request r) throws IOException {
    writeString(out, r.path());
    out.writeInt(r.content() == null ? -1 : r.content().length);
    if (r.content() != null) {
      out.write(r.content());
    }
    out.writeInt(r.maxChars());
    writeString(out, r.ocrLanguages());
    out.flush();
  }

  /** The next request, or null at the end of the input (the client closed it: time to stop). */
  public static Request readRequest(DataInputStream in) throws IOException {
    String path;
    try {
      path = readString(in);
    } catch (EOFException end) {
      return null;
    }
    int n = in.readInt();
    byte[] content = null;
    if (n >= 0) {
      content = new byte[n];
      in.readFully(content);
    }
    return new Request(path, content, in.readInt(), readString(in));
  }

  public static void write(DataOutputStream out, Response r) throws IOException {
    if (r.document() != null) {
      ExtractedDocument d = r.document();
      out.writeByte(OK);
      writeString(out, d.mediaType());
      writeString(out, d.title() == null ? "" : d.title());
      out.writeBoolean(d.truncated());
      writeString(out, d.text());
      out.writeInt(d.marks().size());
      for (Mark m : d.marks()) {
        out.writeByte(m.kind().ordinal());
        out.writeInt(m.offset());
        writeString(out, m.label());
      }
    } else {
      out.writeByte(FAILED);
      writeString(out, r.reason());
      writeString(out, r.detail() == null ? "" : r.detail());
    }
    out.writeBoolean(r.exiting());
    out.flush();
  }

  public static Response readResponse(DataInputStream in) throws IOException {
    byte status = in.readByte();
    if (status == OK) {
      String type = readString(in);
      String title = readString(in);
      boolean truncated = in.readBoolean();
      String text = readString(in);
      int n = in.readInt();
      List<Mark> marks = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Mark.Kind kind = Mark.Kind.values()[in.readByte()];
        marks.add(new Mark(kind, in.readInt(), readString(in)));
      }
      ExtractedDocument d =
          new ExtractedDocument(text, title.isEmpty() ? null : title, type, marks, truncated);
      return new Response(d, null, null, in.readBoolean());
    }
    if (status != FAILED) {
      throw new IOException("not a worker response (status " + status + ")");
    }
    String reason = readString(in);
    String detail = readString(in);
    return Response.failed(reason, detail.isEmpty() ? null : detail, in.readBoolean());
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_STRING) {
      throw new IOException("not a worker frame (length " + n + ")");
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
