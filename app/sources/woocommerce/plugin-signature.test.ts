import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  settingsToken,
  settingsTokenShop,
  signPluginBody,
  verifyPluginRequest,
  verifySettingsToken,
} from "./plugin-signature";

const NOW = 1_700_000_000;
const body = (data: Record<string, unknown>) => Buffer.from(JSON.stringify(data));

describe("plugin signatures", () => {
  it("accepts a fresh, signed transfer request and rejects tampering, staleness and bad shapes", () => {
    const raw = body({
      shop: "https://shop.example/",
      order_ids: [5, 6],
      requested_by: 7,
      timestamp: NOW - 10,
    });
    const signature = signPluginBody(raw, "s3cret");
    expect(verifyPluginRequest({ rawBody: raw, signature, secret: "s3cret", nowSeconds: NOW })).toMatchObject(
      {
        ok: true,
        request: { order_ids: [5, 6] },
      },
    );
    const tampered = Buffer.from(raw.toString().replace("[5,6]", "[5,7]"));
    expect(
      verifyPluginRequest({ rawBody: tampered, signature, secret: "s3cret", nowSeconds: NOW }),
    ).toMatchObject({ ok: false, status: 401 });
    expect(
      verifyPluginRequest({ rawBody: raw, signature: null, secret: "s3cret", nowSeconds: NOW }),
    ).toMatchObject({ ok: false, status: 401 });
    expect(verifyPluginRequest({ rawBody: raw, signature, secret: "", nowSeconds: NOW })).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(
      verifyPluginRequest({ rawBody: raw, signature, secret: "s3cret", nowSeconds: NOW + 400 }),
    ).toMatchObject({ ok: false, status: 401 });
    const tooMany = body({
      shop: "x",
      order_ids: Array.from({ length: 101 }, (_, i) => i + 1),
      timestamp: NOW,
    });
    expect(
      verifyPluginRequest({
        rawBody: tooMany,
        signature: signPluginBody(tooMany, "s3cret"),
        secret: "s3cret",
        nowSeconds: NOW,
      }),
    ).toMatchObject({ ok: false, status: 400 });
  });

  it("makes and checks settings tokens as LB_Signer does", () => {
    const token = settingsToken("https://shop.example/", NOW + 300, "s3cret");
    expect(settingsTokenShop(token)).toBe("https://shop.example/");
    expect(verifySettingsToken(token, "s3cret", NOW)).toBe("https://shop.example/");
    expect(verifySettingsToken(token, "s3cret", NOW + 300)).toBe("https://shop.example/");
    expect(verifySettingsToken(token, "s3cret", NOW + 301)).toBeUndefined();
    expect(verifySettingsToken(token, "other", NOW)).toBeUndefined();
    const [payload = "", mac = ""] = token.split(".");
    const extended = Buffer.from("https://shop.example/|9999999999").toString("base64url");
    expect(verifySettingsToken(`${extended}.${mac}`, "s3cret", NOW)).toBeUndefined();
    expect(verifySettingsToken(payload, "s3cret", NOW)).toBeUndefined();
    // The plugin signs 5-minute links; a day-long one was not made by it.
    expect(
      verifySettingsToken(settingsToken("https://shop.example/", NOW + 86_400, "s3cret"), "s3cret", NOW),
    ).toBeUndefined();
  });

  it("makes every settings token unique, so a double click meets no used link, and reads nonce-less ones", () => {
    const first = settingsToken("https://shop.example/", NOW + 300, "s3cret");
    const second = settingsToken("https://shop.example/", NOW + 300, "s3cret");
    expect(first).not.toBe(second);
    expect(verifySettingsToken(second, "s3cret", NOW)).toBe("https://shop.example/");
    expect(settingsTokenShop(second)).toBe("https://shop.example/");
    const payload = `https://shop.example/|${NOW + 300}`;
    const old = `${Buffer.from(payload).toString("base64url")}.${createHmac("sha256", "s3cret").update(payload).digest("base64url")}`;
    expect(verifySettingsToken(old, "s3cret", NOW)).toBe("https://shop.example/");
    expect(verifySettingsToken(old, "s3cret", NOW + 301)).toBeUndefined();
  });
});
