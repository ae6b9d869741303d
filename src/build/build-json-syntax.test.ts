import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { jsonSyntaxError } from "./build-json-syntax.js";

describe("jsonSyntaxError", () => {
  it("accepts what JSON.parse accepts", () => {
    for (const text of ['{"a":[1,-2.5e3,true,false,null,"x\\u00e9\\n"]}', " [] ", '"s"', "0", "{}"]) {
      assert.doesNotThrow(() => JSON.parse(text));
      assert.equal(jsonSyntaxError(text), undefined, text);
    }
  });

  it("points at the first offending character", () => {
    const cases: [string, number, number][] = [
      ['{"builds":[}', 1, 12],
      ['{"builds":[', 1, 12],
      ["nope", 1, 1],
      ['{"a":1,}', 1, 8],
      ['{\n "builds": [\n  {"imageName": "a" "tag": 1}\n ]\n}', 3, 21],
      ['{"a":1} x', 1, 9],
      ['{"a":01}', 1, 7],
      ["", 1, 1],
      ['"a\\x"', 1, 3],
      ['"a\tb"', 1, 3],
      ['"open', 1, 6],
    ];
    for (const [text, line, column] of cases) {
      assert.throws(() => JSON.parse(text));
      assert.deepEqual(jsonSyntaxError(text), { line, column }, text);
    }
  });
});
