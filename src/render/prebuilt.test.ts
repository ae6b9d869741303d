import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TrestleError } from "../errors/errors.js";
import { mergeImages, parseImageFlag, preBuiltImages } from "./prebuilt.js";

describe("parseImageFlag", () => {
  const cases: readonly [string, string, string][] = [
    ["app=localhost:5000/app:v1", "app", "localhost:5000/app:v1"],
    ["localhost:5000/app:v1", "localhost:5000/app", "localhost:5000/app:v1"],
    ["gcr.io/p/app", "gcr.io/p/app", "gcr.io/p/app"],
  ];
  for (const [value, name, tag] of cases) {
    it(`reads ${value}`, () => {
      assert.deepEqual(parseImageFlag(value), { imageName: name, tag });
    });
  }
  for (const bad of ["", "app=", "app=Not Valid", "::"]) {
    it(`rejects ${JSON.stringify(bad)}`, () => {
      assert.throws(
        () => parseImageFlag(bad),
        (e: unknown) => e instanceof TrestleError && e.code === "IMAGES_FLAG_INVALID",
      );
    });
  }
});

describe("preBuiltImages", () => {
  it("lets build.json entries win over --images, keeping order", () => {
    assert.deepEqual(
      mergeImages(
        [{ imageName: "a", tag: "a:file" }],
        [
          { imageName: "b", tag: "b:flag" },
          { imageName: "a", tag: "a:flag" },
        ],
      ),
      [
        { imageName: "b", tag: "b:flag" },
        { imageName: "a", tag: "a:file" },
      ],
    );
    assert.deepEqual(preBuiltImages([{ imageName: "a", tag: "a:file" }], ["a=a:flag", "c=c:1"]), [
      { imageName: "a", tag: "a:file" },
      { imageName: "c", tag: "c:1" },
    ]);
  });

  it("applies --tag and the default repo to the references", () => {
    assert.deepEqual(preBuiltImages([], ["app=app:v1"], { customTag: "t2", defaultRepo: "localhost:5000" }), [
      { imageName: "app", tag: "localhost:5000/app:t2" },
    ]);
  });
});
