// Compact stop-word lists: words too common to say what a statement is about.
// Single Chinese characters are dropped by the tokenizer anyway, so the Chinese
// list holds multi-character function words (simplified and traditional forms).

const CHINESE = `
我们 你们 他们 她们 它们 咱们 大家 自己 我們 你們 他們 她們 它們 咱們
这个 那个 这些 那些 这样 那样 这里 那里 这么 那么 這個 那個 這些 那些 這樣 那樣 這裡 那裡 這麼 那麼
什么 怎么 怎么样 为什么 哪里 哪个 多少 什麼 怎麼 怎麼樣 為什麼 哪裡 哪個
因为 所以 但是 可是 而且 并且 或者 还是 如果 虽然 然后 因此 不过 只是 就是 而是 於是 于是
因為 並且 還是 雖然 然後 不過
可以 应该 需要 能够 可能 必须 一定 已经 正在 还有 没有 不是 不要 不能 不会 希望 觉得 认为
應該 需要 能夠 必須 已經 還有 沒有 不會 覺得 認為
一个 一些 一样 一下 一直 每个 各种 所有 其他 其它 任何 非常 特别 比较 更加 还要 非常 有点 有些
一個 一樣 每個 各種 特別 比較 還要 有點
以及 以后 以前 之后 之前 之间 的话 等等 通过 对于 关于 根据 为了 由于 进行 目前 现在 时候
以後 之後 之間 的話 通過 對於 關於 根據 為了 由於 進行 現在 時候
问题 情况 方面 事情 問題 情況 事情
`;

const ENGLISH = `
a about above after again against all also am an and any are aren't as at be because been before being below
between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each
even ever every few for from further get gets got had hadn't has hasn't have haven't having he her here hers
herself him himself his how however i if in into is isn't it it's its itself just let's like make may me might
more most much must mustn't my myself need needs no nor not now of off on once one only or other ought our ours
ourselves out over own per really same shall shan't she should shouldn't so some such than that that's the their
theirs them themselves then there there's these they they're this those through to too under until up upon us
very via was wasn't we we're were weren't what what's when where which while who whom why will with won't would
wouldn't yes yet you you're your yours yourself yourselves
`;

function words(list: string): Set<string> {
  return new Set(list.split(/\s+/).filter((w) => w !== ""));
}

export const CHINESE_STOP_WORDS: ReadonlySet<string> = words(CHINESE);
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = words(ENGLISH);

export function isStopWord(word: string): boolean {
  return CHINESE_STOP_WORDS.has(word) || ENGLISH_STOP_WORDS.has(word);
}
