/** `printf`/`print` formatting; every expectation was produced by Go's fmt for the same template. */
import { test } from "node:test";
import { check } from "./testing.js";
import type { Case } from "./testing.js";

const cases: Readonly<Record<string, Case>> = {
  "strings and widths": {
    t: '{{printf "%5s|%-5s|%.2s|%q|%x|% X" "a" "b" "héllo" "hi\\n" "hi" "hi"}}',
    want: '    a|b    |hé|"hi\\n"|6869|68 69',
  },
  integers: {
    t: '{{printf "%05d|%+d|% d|%x|%#x|%X|%o|%#o|%O|%b|%08b|%-4d|" 42 3 5 255 255 255 8 8 8 5 5 7}}',
    want: "00042|+3| 5|ff|0xff|FF|10|010|0o10|101|00000101|7   |",
  },
  runes: {
    t: '{{printf "%c|%q|%U|%#U|%3c|" 0x4E16 0x4E16 0x4E16 0x4E16 65}}',
    want: "世|'世'|U+4E16|U+4E16 '世'|  A|",
  },
  quoting: {
    t: '{{printf "%+q|%#q|%#q|%q" "日本" "abc" "a`b" "\\u00a0\\x7f"}}',
    want: '"\\u65e5\\u672c"|`abc`|"a`b"|"\\u00a0\\x7f"',
  },
  floats: {
    t: '{{printf "%.2f|%8.3f|%e|%g|%G|%.3g|%v|%+.2e|%06.2f" 3.14159 2.5 12345.678 0.000012 1e-7 1234.5678 -0.0 1.5 -1.5}}',
    want: "3.14|   2.500|1.234568e+04|1.2e-05|1E-07|1.23e+03|-0|+1.50e+00|-01.50",
  },
  "float %v uses shortest %g": {
    t: "{{print 1.0 2.5 1e6 100000.0 1e21 0.00001 123456789.0}}",
    want: "1 2.5 1e+06 100000 1e+21 1e-05 1.23456789e+08",
  },
  "round half to even on exact ties": {
    t: '{{printf "%.0f %.0f %.0f %.1f %.2f %.0e" 0.5 1.5 -2.5 0.25 1.005 2.5}}',
    want: "0 2 -2 0.2 1.00 2e+00",
  },
  "exact decimal expansion": { t: '{{printf "%.20f" 0.1}}', want: "0.10000000000000000555" },
  composites: {
    t: '{{printf "%v %v %d" (list "a" (list 1 2)) (dict "k" (list)) (list 1 2)}}',
    want: "[a [1 2]] map[k:[]] [1 2]",
  },
  "go syntax": {
    t: '{{printf "%#v|%#v|%#v" "a" (list 1 "b") (dict "k" 1)}}',
    want: '"a"|[]interface {}{1, "b"}|map[string]interface {}{"k":1}',
  },
  types: {
    t: '{{printf "%T %T %T %T %T" 1 "a" 1.5 nil (list)}}',
    want: "int string float64 <nil> []interface {}",
  },
  "bad verbs and arguments": {
    t: '{{printf "%d %s" "x"}}|{{printf "%d" 1 2}}|{{printf "%z" 3}}|{{printf "%!"}}|{{printf "%"}}|{{printf "%s" .MISSING}}|{{printf "%t" 1}}',
    want: "%!d(string=x) %!s(MISSING)|1%!(EXTRA int=2)|%!z(int=3)|%!!(MISSING)|%!(NOVERB)|%!s(<nil>)|%!t(int=1)",
  },
  "argument indexes and star": {
    t: '{{printf "%[2]s %[1]s" "a" "b"}} {{printf "%[3]s" "a"}} {{printf "%*d|%-*d|%.*f" 5 1 4 2 2 3.14159}}',
    want: "b a %!s(BADINDEX)     1|2   |3.14",
  },
  "percent literal": { t: '{{printf "100%%"}}', want: "100%" },
};

for (const [name, c] of Object.entries(cases))
  test(`format: ${name}`, () => {
    check(c);
  });
