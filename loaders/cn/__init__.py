"""One Chinese-text toolkit shared by every loader (issue 12, point 4).

Small pure modules, no I/O, no pandas, nothing about a particular bulletin:

- `normalize`    full-/half-width punctuation, layout spaces, markup; sentence ends
- `numerals`     Chinese numerals (一、十二、一百零五、两、〇) -> int, via the cn2an library
- `dates`        dates and deadlines relative to a document year, one rule for 上旬/中旬/下旬/月底/年底
- `outline`      outline markers 一、 (一) 1. (1) ① and their levels
- `paragraphs`   printed lines joined across page breaks, with the raw line of every character
- `attributions` bracketed 牵头单位/责任单位/配合单位 attributions and "由…牵头" sentences
- `amounts`      amounts in 亿元/万元/元 -> exact Decimal 万元; percentages and ratio shares

Place names live in `loaders.places`.
"""
