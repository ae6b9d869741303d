/** Builtin and Sprig functions; expected values were checked against Go's text/template + Sprig v2.22. */
import { test } from "node:test";
import { check } from "./testing.js";
import type { Case } from "./testing.js";

const builtins: Readonly<Record<string, Case>> = {
  comparisons: {
    t: '{{eq .A "a"}} {{eq "a" "b" "a"}} {{ne 1 2}} {{lt "a" "b"}} {{le 2 2}} {{gt 3 2}} {{ge 1 2}}',
    want: "true true true true true true false",
  },
  "eq across int types": {
    t: "{{eq (add 1 1) 2}} {{eq 'a' 97}} {{eq (index \"a\" 0) 97}}",
    want: "true true true",
  },
  "eq with missing values": { t: '{{eq .MISSING "x"}} {{eq .MISSING .MISSING}}', want: "false true" },
  "incompatible comparison": {
    t: "{{eq 1 1.0}}",
    error: "error calling eq: incompatible types for comparison: int and float64",
    at: 2,
  },
  "non-comparable lists": {
    t: "{{eq (list) (list)}}",
    error: "error calling eq: non-comparable type []: []interface {}",
    at: 2,
  },
  "not and len": {
    t: '{{not .MISSING}} {{len "héllo"}} {{len (list 1 2)}} {{len .}}',
    data: { K: "v" },
    want: "true 6 2 1",
  },
  "len of int": { t: "{{len 3}}", error: "error calling len: len of type int", at: 2 },
  index: {
    t: '{{index (list "a" "b") 1}} {{index "abc" 1}} {{index (dict "a" 1) "b"}}',
    want: "b 98 <no value>",
  },
  "index out of range": {
    t: "{{ index (list 1 2) 5 }}",
    error: "error calling index: index out of range: 5",
    at: 3,
  },
  "print family": {
    t: '{{print 1 2 "a" "b" 3}}|{{println 1 "a"}}|{{print .MISSING nil}}',
    want: "1 2ab3|1 a\n|<nil> <nil>",
  },
  escapers: {
    t: `{{html "<a href='x'>&</a>"}} {{js "a'b<\\u2028"}} {{urlquery "a b&c=d/é"}} {{html .MISSING}}`,
    want: "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt; a\\'b\\u003C\\u2028 a+b%26c%3Dd%2F%C3%A9 &lt;no value&gt;",
  },
};

const strings: Readonly<Record<string, Case>> = {
  case: {
    t: '{{upper "straße"}} {{lower "HeLLo"}} {{title "hello wORLD foo_bar x-y"}} {{untitle "Hello"}}',
    want: "STRAßE hello Hello WORLD Foo_bar X-Y hello",
  },
  "trim family": {
    t: '[{{trim "  hi \\n "}}] {{trimAll "$" "$$5.00$"}} {{trimPrefix "v" "v1.2"}} {{trimSuffix ".git" "repo.git"}} {{nospace " a b "}}',
    want: "[hi] 5.00 1.2 repo ab",
  },
  search: {
    t: '{{contains "ell" "hello"}} {{hasPrefix "he" "hello"}} {{hasSuffix "x" "hello"}}',
    want: "true true false",
  },
  "quote family": {
    t: `{{quote "a" 1 nil "b\\"c"}} {{squote "a" 1 nil}} {{cat "a" 1 nil 2.5 "b"}}`,
    want: `"a" "1" "b\\"c" 'a' '1' a 1 2.5 b`,
  },
  indent: { t: '{{indent 2 "a\\nb"}}|{{nindent 4 "x"}}', want: "  a\n  b|\n    x" },
  "substr and trunc": {
    t: '{{substr 1 3 "hello"}} {{substr -1 2 "hello"}} {{substr 2 -1 "hello"}} {{trunc 3 "hello"}} {{trunc 10 "hi"}}',
    want: "el he llo hel hi",
  },
  "substr out of range": {
    t: '{{substr 4 2 "hello"}}',
    error: "error calling substr: runtime error: slice bounds out of range [4:2]",
    at: 2,
  },
  "repeat and replace": {
    t: '{{repeat 3 "ab"}} {{replace "-" "_" "a-b-c"}} {{plural "one" "many" 2}}',
    want: "ababab a_b_c many",
  },
  "split family": {
    t: '{{split "/" "a/b"}} {{splitList "," "a,b,,c"}} {{splitn "/" 2 "a/b/c"}}',
    want: "map[_0:a _1:b] [a b  c] map[_0:a _1:b/c]",
  },
  "join and sort": {
    t: '{{join "-" (list "a" 1 nil "b")}} {{sortAlpha (list "b" "a" "C")}} {{toStrings (list 1 "a" nil)}}',
    want: "a-1-b [C a b] [1 a]",
  },
  regex: {
    t: '{{regexMatch "^[a-z]+$" "abc"}} {{regexFind "[0-9]+" "ab12c34"}} {{regexFindAll "[0-9]+" "a1b22c333" 2}} {{regexSplit "z+" "pizza" -1}}',
    want: "true 12 [1 22] [pi a]",
  },
  "regex replace expands like Go": {
    t: '{{regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W"}} {{regexReplaceAll "a(x*)b" "-ab-axxb-" "$1W"}} {{regexReplaceAll "b*" "abc" "-"}} {{regexReplaceAllLiteral "a(x*)b" "-ab-" "${1}"}}',
    want: "-W-xxW- --- -a-c- -${1}-",
  },
  "regex named groups and flags": {
    t: '{{regexReplaceAll "(?P<first>\\\\w+) (?P<last>\\\\w+)" "John Smith" "${last}, ${first}"}} {{regexReplaceAll "(?i)HELLO" "hello Hello" "x"}}',
    want: "Smith, John x x",
  },
  "bad regex": {
    t: '{{regexFind "(" "x"}}',
    error: "error calling regexFind: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`",
    at: 2,
  },
};

const data: Readonly<Record<string, Case>> = {
  defaults: {
    t: '{{coalesce .MISSING .B "c"}} {{ternary "yes" "no" (eq .A "a")}} {{empty .B}} {{empty (list)}} {{empty 0}} {{empty .A}}',
    want: "c yes true true true false",
  },
  lists: {
    t: "{{append (list 1 2) 3}} {{prepend (list 1 2) 0}} {{first (list 1 2)}} {{last (list 1 2)}} {{rest (list 1 2 3)}} {{initial (list 1 2 3)}} {{first (list)}}",
    want: "[1 2 3] [0 1 2] 1 2 [2 3] [1 2] <no value>",
  },
  "list transforms": {
    t: '{{reverse (list 1 2 3)}} {{uniq (list 1 1 "a" "a")}} {{without (list 1 2 3 2) 2}} {{has 2 (list 1 2)}} {{compact (list 0 "" nil "a" false)}} {{slice (list 1 2 3 4) 1 3}} {{concat (list 1) (list 2)}}',
    want: "[3 2 1] [1 a] [1 3] true [a] [2 3] [1 2]",
  },
  "list errors": { t: '{{append "x" 1}}', error: "error calling append: Cannot push on type string", at: 2 },
  dicts: {
    t: '{{$d := dict "a" 1 "b" "x" "c"}}{{$_ := set $d "e" 2}}{{$d}} {{hasKey $d "a"}} {{unset $d "a" | keys | sortAlpha}} {{pick $d "b"}} {{omit $d "b" "c"}} {{pluck "e" $d (dict)}}',
    want: "map[a:1 b:x c: e:2] true [b c e] map[b:x] map[e:2] [2]",
  },
  math: {
    t: '{{add 1 2 "3"}} {{sub 10 3}} {{mul 2 3 4}} {{div -7 2}} {{mod -7 3}} {{add1 5}} {{max 1 5 3}} {{min 4 2 8}} {{ceil 1.2}} {{floor 1.8}} {{round 3.14159 2}}',
    want: "6 7 24 -3 -1 6 5 2 2 1 3.14",
  },
  "divide by zero": {
    t: "{{div 1 0}}",
    error: "error calling div: runtime error: integer divide by zero",
    at: 2,
  },
  conversions: {
    t: '{{atoi "42"}} {{atoi "x"}} {{atoi "007"}} {{int "12"}} {{int64 3.9}} {{float64 "1.5"}} {{toDecimal "777"}} {{toString 1.5}} {{until 3}} {{untilStep 0 10 3}}',
    want: "42 0 7 12 3 1.5 511 1.5 [0 1 2] [0 3 6 9]",
  },
  types: {
    t: '{{typeOf 1}} {{typeOf (add 1 2)}} {{typeOf (list)}} {{typeOf (split "," "a")}} {{typeOf nil}} {{kindOf (dict)}} {{typeIs "string" .A}} {{deepEqual (list 1) (list 1)}}',
    want: "int int64 []interface {} map[string]string <nil> map true true",
  },
};

const system: Readonly<Record<string, Case>> = {
  paths: {
    t: '{{base "/a/b/c.tar.gz"}} {{dir "/a/b/c"}} {{ext "c.tar.gz"}} {{clean "a//b/../c/."}} {{isAbs "/x"}} {{base ""}} {{clean "/../a"}} {{dir "/a/"}}',
    want: "c.tar.gz /a/b .gz a/c true . /a /a",
  },
  encodings: {
    t: '{{b64enc "hello"}} {{b64dec "aGVsbG8="}} {{b64dec "aGVsbG8"}} {{b32enc "hi"}} {{b32dec "NBUQ===="}} {{sha256sum "abc" | trunc 8}} {{adler32sum "abc"}}',
    want: "aGVsbG8= hello illegal base64 data at input byte 4 NBUQ==== hi ba7816bf 38600999",
  },
  json: {
    t: '{{toJson (dict "a" 1 "b" (list "x" nil true 1.5) "c" "<&>")}} {{toJson 0.0000001}}',
    want: '{"a":1,"b":["x",null,true,1.5],"c":"\\u003c\\u0026\\u003e"} 1e-7',
  },
  "pretty json": {
    t: '{{toPrettyJson (dict "a" (list 1) "b" (dict))}}',
    want: '{\n  "a": [\n    1\n  ],\n  "b": {}\n}',
  },
  "env and expandenv read the injected environment": {
    t: '{{env "HOME"}}|{{env "NOPE"}}|{{expandenv "x${HOME}y$EMPTY$"}}',
    want: "/home/alice||x/home/alicey$",
  },
  "cmd runs the injected runner and trims": {
    t: '{{cmd "bash" "-c" "git rev-parse HEAD"}}',
    want: "bash|-c|git rev-parse HEAD",
  },
  "cmd without a runner": {
    t: '{{cmd "git" "rev-parse" "HEAD"}}',
    error: "error calling cmd: running commands is not available here (no command runner was provided)",
    at: 2,
    bare: true,
  },
  "cmd failure": {
    t: '{{cmd "false"}}',
    error: "error calling cmd: exit status 1",
    options: {
      runCommand: () => {
        throw new Error("exit status 1");
      },
    },
  },
  "cmd argument types": { t: "{{cmd 1}}", error: "expected string; found 1", at: 6 },
  uuid: { t: "{{uuidv4 | len}} {{randAlphaNum 5 | len}}", want: "36 5" },
  dates: {
    t: '{{now | date "2006-01-02T15:04:05Z07:00"}} {{date "Jan _2 Monday 3:04PM 06 .000 MST" now}} {{now | unixEpoch}} {{date "2006-01-02" 0}}',
    want: "2024-03-05T14:07:09Z Mar  5 Tuesday 2:07PM 24 .123 UTC 1709647629 1970-01-01",
  },
  "dates in zones": {
    t: '{{dateInZone "2006-01-02 15:04 MST" now "America/New_York"}} {{dateInZone "15:04 MST" now "Nope/Zone"}} {{htmlDate now}}',
    want: "2024-03-05 09:07 EST 14:07 UTC 2024-03-05",
  },
  "time methods and dateModify": {
    t: '{{now.Year}} {{now.Month}} {{now.Weekday}} {{now.YearDay}} {{now.Unix}} {{now.Format "Jan 2"}} {{dateModify "1h30m" now | date "15:04"}}',
    want: "2024 March Tuesday 65 1709647629 Mar 5 15:37",
  },
};

const local = { TZ: process.env["TZ"] };
test.before(() => {
  process.env["TZ"] = "UTC";
});
test.after(() => {
  if (local.TZ === undefined) delete process.env["TZ"];
  else process.env["TZ"] = local.TZ;
});

for (const [family, table] of Object.entries({ builtins, strings, data, system })) {
  for (const [name, c] of Object.entries(table))
    test(`funcs/${family}: ${name}`, () => {
      check(c);
    });
}
