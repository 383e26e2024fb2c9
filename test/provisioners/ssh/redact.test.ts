import { describe, expect, test } from "vitest";
import { Logger, MemorySink, REDACTED, Redactor } from "../../../provisioners/ssh/redact";

describe("secret redaction", () => {
  test("given registered secrets, when a message contains them, then the log holds only the mask", () => {
    const sink = new MemorySink();
    const logger = new Logger(sink, new Redactor().addMap({ db: "s3cr3t-db", rabbit: "hunter22" }));
    logger.with({ host: "node1", step: "files" }).info("connection=mysql://nova:s3cr3t-db@db and hunter22");
    expect(sink.text()).not.toContain("s3cr3t-db");
    expect(sink.text()).not.toContain("hunter22");
    expect(sink.records[0]).toMatchObject({ host: "node1", step: "files", message: `connection=mysql://nova:${REDACTED}@db and ${REDACTED}` });
  });

  test("given a secret that contains another, when redacted, then the longer one is masked whole", () => {
    expect(new Redactor().add("abc", "abcdef").redact("x abcdef y abc")).toBe(`x ${REDACTED} y ${REDACTED}`);
  });

  test.each([[""], ["ab"], [undefined]])("given a too-short secret %j, when registered, then ordinary text is untouched", (value) => {
    expect(new Redactor().add(value).redact("a b ab")).toBe("a b ab");
  });

  test("given a child logger, when a secret is registered through it, then the parent redacts it too", () => {
    const sink = new MemorySink();
    const parent = new Logger(sink);
    parent.with({ host: "h" }).redactor.add("topsecret");
    parent.warn("leak topsecret");
    expect(sink.text()).not.toContain("topsecret");
  });
});
