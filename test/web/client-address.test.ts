/** Where a request came from, behind trusted proxies: X-Forwarded-For is read from the right. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { bareAddress, forwardedAddress, trustedHops } from "../../src/web/auth/client-address.ts";
import { addressBucket } from "../../src/workflow/throttle.ts";

test("LVZHI_TRUST_PROXY: unset or nonsense trusts no proxy; 1 or true one hop; N that many", () => {
  assert.equal(trustedHops(undefined), 0);
  assert.equal(trustedHops(""), 0);
  assert.equal(trustedHops("yes please"), 0);
  assert.equal(trustedHops("1"), 1);
  assert.equal(trustedHops("true"), 1);
  assert.equal(trustedHops("2"), 2);
});

test("without a trusted proxy, X-Forwarded-For is ignored", () => {
  assert.equal(forwardedAddress("1.1.1.1", "10.0.0.1", 0), "10.0.0.1");
});

test("behind one proxy the rightmost entry counts; what the client put before it never does", () => {
  assert.equal(forwardedAddress("6.6.6.6, 203.0.113.9", "10.0.0.1", 1), "203.0.113.9");
  assert.equal(forwardedAddress("203.0.113.9", "10.0.0.1", 1), "203.0.113.9");
  assert.equal(forwardedAddress("1.1.1.1,2.2.2.2,  203.0.113.9 ", "10.0.0.1", 1), "203.0.113.9");
});

test("behind two proxies the second from the right counts; a shorter list gives its leftmost", () => {
  assert.equal(forwardedAddress("6.6.6.6, 203.0.113.9, 10.1.1.1", "10.0.0.1", 2), "203.0.113.9");
  assert.equal(forwardedAddress("203.0.113.9", "10.0.0.1", 2), "203.0.113.9");
});

test("a malformed or missing entry falls back to the socket's address", () => {
  assert.equal(forwardedAddress(undefined, "10.0.0.1", 1), "10.0.0.1");
  assert.equal(forwardedAddress("1.1.1.1, not-an-address", "10.0.0.1", 1), "10.0.0.1");
  assert.equal(forwardedAddress("1.1.1.1, ", "10.0.0.1", 1), "10.0.0.1");
});

test("ports and brackets are dropped from entries", () => {
  assert.equal(bareAddress("203.0.113.9:5555"), "203.0.113.9");
  assert.equal(bareAddress("[2001:db8::1]:443"), "2001:db8::1");
  assert.equal(bareAddress("2001:db8::1"), "2001:db8::1");
  assert.equal(bareAddress("unknown"), null);
});

test("IPv6 addresses are counted by their /64, so one host cannot rotate through its prefix", () => {
  assert.equal(addressBucket("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
  assert.equal(addressBucket("2001:db8:1:2:ffff:ffff:ffff:ffff"), "2001:db8:1:2::/64");
  assert.equal(addressBucket("2001:db8::1"), "2001:db8:0:0::/64");
  assert.equal(addressBucket("::ffff:198.51.100.7"), "198.51.100.7");
  assert.equal(addressBucket("198.51.100.7"), "198.51.100.7");
});
