import { describe, expect, it } from "vitest";
import { actionPayloadProblem, formReplyParts, textReplyParts } from "./action-payload";

const form = (entries: [string, string | Blob][]) => {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return formReplyParts(data);
};

describe("actionPayloadProblem", () => {
  it("accepts what React's encodeReply sends: text arguments, and forms with their parts", () => {
    for (const body of ["[]", '["a",1,null,{"b":"$$escaped"}]', '["$undefined","$D2026-11-24T00:00:00.000Z","$n12345","$-0","$Infinity","$NaN","$K1"]']) {
      expect(actionPayloadProblem(textReplyParts(body)), body).toBeNull();
    }
    expect(actionPayloadProblem(form([["0", '[null,"$K1"]'], ["_1_name", "王小明"], ["_1_file", new Blob(["%PDF"])]]))).toBeNull();
    expect(actionPayloadProblem(form([["0", '["$1","$Q2","$@3","$B4"]'], ["1", '{"a":"$2"}'], ["2", "[]"], ["3", '"x"'], ["4", new Blob(["b"])]]))).toBeNull();
    expect(actionPayloadProblem(form([["0", '["$a:b:c"]'], ["10", '{"b":{"c":1}}']]))).toBeNull();
  });

  it("names what Next could not decode: not JSON, no argument list, parts that are missing or not JSON", () => {
    expect(actionPayloadProblem(textReplyParts("not the React wire format"))).toMatch(/not JSON/);
    expect(actionPayloadProblem(textReplyParts('{"__proto__": {"polluted": 1}}'))).toMatch(/not a list of arguments/);
    expect(actionPayloadProblem(textReplyParts('["$1"]'))).toMatch(/part 1/);
    expect(actionPayloadProblem(textReplyParts('["$@ff"]'))).toMatch(/part 255/);
    expect(actionPayloadProblem(textReplyParts('["$"]'))).toMatch(/refers to no part/);
    expect(actionPayloadProblem(textReplyParts('["$zz"]'))).toMatch(/refers to no part/);
    expect(actionPayloadProblem(textReplyParts('["$B1"]'))).toMatch(/part 1/);
    expect(actionPayloadProblem(textReplyParts('["$nabc"]'))).toMatch(/whole number/);
    expect(actionPayloadProblem(textReplyParts(`["$n${"9".repeat(301)}"]`))).toMatch(/whole number/);
    expect(actionPayloadProblem(form([["_1_name", "x"]]))).toMatch(/no root part/);
    expect(actionPayloadProblem(form([["0", '["$1"]'], ["1", "{broken"]]))).toMatch(/part 1 is not JSON/);
    expect(actionPayloadProblem(form([["0", '["$1"]'], ["1", new Blob(["{}"])]]))).toMatch(/does not hold as text/);
    expect(actionPayloadProblem(textReplyParts(`${"[".repeat(100)}${"]".repeat(100)}`))).toMatch(/64 levels/);
  });

  it("follows references between parts once each (a cycle ends)", () => {
    expect(actionPayloadProblem(form([["0", '["$1"]'], ["1", '{"again":"$1","back":"$0"}']]))).toBeNull();
    expect(actionPayloadProblem(form([["0", '["$1"]'], ["1", '["$2"]'], ["2", '["$3"]']]))).toMatch(/part 3/);
  });
});
