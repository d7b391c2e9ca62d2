import { describe, expect, it } from "vitest";
import { SMALL_COUNT } from "../../src/domain/privacy/smallCells.js";
import { toMarkdown } from "../../src/render/markdown.js";

describe("Markdown", () => {
  it("renders every block kind, tables with numbers right-aligned and withheld counts as marks", () => {
    const md = toMarkdown({
      title: "第3期议题报告",
      subtitle: "最终版",
      language: "zh",
      footer: "v2 · sha256 3f5a",
      sections: [
        {
          heading: "参与情况",
          blocks: [
            { kind: "keyValues", items: [{ key: "有资格", value: "1,203" }] },
            { kind: "paragraph", text: "# 不是标题\n- 也不是列表" },
            { kind: "bullets", items: ["电梯", "物业费\n公开"] },
            { kind: "image", png: new Uint8Array(), caption: "图1 投票结果" },
            {
              kind: "table",
              caption: "各楼",
              table: {
                name: "p",
                columns: [
                  { header: "楼栋", kind: "text" },
                  { header: "参与", kind: "int" },
                  { header: "率", kind: "percent" },
                ],
                rows: [
                  ["1|2号楼", 1203, 0.5],
                  ["3号楼\n北", SMALL_COUNT, null],
                ],
              },
            },
          ],
        },
      ],
    });
    expect(md).toBe(
      [
        "# 第3期议题报告",
        "*最终版*",
        "## 参与情况",
        "- **有资格:** 1,203",
        "\\# 不是标题\n\\- 也不是列表",
        "- 电梯\n- 物业费 公开",
        "*[图1 投票结果]*",
        "**各楼**\n\n| 楼栋 | 参与 | 率 |\n| --- | ---: | ---: |\n| 1\\|2号楼 | 1,203 | 50% |\n| 3号楼<br>北 | <5 |  |",
        "---\nv2 · sha256 3f5a",
      ].join("\n\n") + "\n",
    );
  });
});
