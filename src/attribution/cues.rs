//! The lexicon of reporting verbs ("cues"), in all their forms, and the small
//! words that may stand between a speaker and the cue ("has", "also", "later").
//!
//! A word counts as a cue only where a verb can stand; `patterns` checks that.

use foldhash::HashMap;
use std::sync::OnceLock;

/// How the words reached the reporter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Spoken,
    Written,
}

/// Strong cues introduce speech wherever they stand ("said", "told"); weak
/// ones only next to the quotation ("agreed:", "“…,” he continued"); naming
/// cues ("called the plan “…”") only after a named speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strength {
    Strong,
    Weak,
    Naming,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cue {
    /// The base form: `say` for `said`.
    pub base: &'static str,
    pub channel: Channel,
    pub strength: Strength,
    /// A particle the verb needs to report speech: `pointed out`, `went on`.
    pub particle: Option<&'static str>,
    /// `saying`, `adding`: a participle hanging on the clause before it.
    pub participle: bool,
}

/// Every form of every reporting verb: form, base, channel, strength, particle.
/// Sorted by form (a test checks the order), so that no form is listed twice.
#[rustfmt::skip]
const FORMS: &[(&str, &str, Channel, Strength, Option<&str>)] = &[
    ("acknowledge", "acknowledge", Channel::Spoken, Strength::Strong, None),
    ("acknowledged", "acknowledge", Channel::Spoken, Strength::Strong, None),
    ("acknowledges", "acknowledge", Channel::Spoken, Strength::Strong, None),
    ("acknowledging", "acknowledge", Channel::Spoken, Strength::Strong, None),
    ("add", "add", Channel::Spoken, Strength::Strong, None),
    ("added", "add", Channel::Spoken, Strength::Strong, None),
    ("adding", "add", Channel::Spoken, Strength::Strong, None),
    ("adds", "add", Channel::Spoken, Strength::Strong, None),
    ("admit", "admit", Channel::Spoken, Strength::Strong, None),
    ("admits", "admit", Channel::Spoken, Strength::Strong, None),
    ("admitted", "admit", Channel::Spoken, Strength::Strong, None),
    ("admitting", "admit", Channel::Spoken, Strength::Strong, None),
    ("advise", "advise", Channel::Spoken, Strength::Weak, None),
    ("advised", "advise", Channel::Spoken, Strength::Weak, None),
    ("advises", "advise", Channel::Spoken, Strength::Weak, None),
    ("advising", "advise", Channel::Spoken, Strength::Weak, None),
    ("affirm", "affirm", Channel::Spoken, Strength::Strong, None),
    ("affirmed", "affirm", Channel::Spoken, Strength::Strong, None),
    ("affirming", "affirm", Channel::Spoken, Strength::Strong, None),
    ("affirms", "affirm", Channel::Spoken, Strength::Strong, None),
    ("agree", "agree", Channel::Spoken, Strength::Weak, None),
    ("agreed", "agree", Channel::Spoken, Strength::Weak, None),
    ("agrees", "agree", Channel::Spoken, Strength::Weak, None),
    ("agreing", "agree", Channel::Spoken, Strength::Weak, None),
    ("allege", "allege", Channel::Spoken, Strength::Strong, None),
    ("alleged", "allege", Channel::Spoken, Strength::Strong, None),
    ("alleges", "allege", Channel::Spoken, Strength::Strong, None),
    ("alleging", "allege", Channel::Spoken, Strength::Strong, None),
    ("announce", "announce", Channel::Spoken, Strength::Strong, None),
    ("announced", "announce", Channel::Spoken, Strength::Strong, None),
    ("announces", "announce", Channel::Spoken, Strength::Strong, None),
    ("announcing", "announce", Channel::Spoken, Strength::Strong, None),
    ("answer", "answer", Channel::Spoken, Strength::Weak, None),
    ("answered", "answer", Channel::Spoken, Strength::Weak, None),
    ("answering", "answer", Channel::Spoken, Strength::Weak, None),
    ("answers", "answer", Channel::Spoken, Strength::Weak, None),
    ("argue", "argue", Channel::Spoken, Strength::Strong, None),
    ("argued", "argue", Channel::Spoken, Strength::Strong, None),
    ("argues", "argue", Channel::Spoken, Strength::Strong, None),
    ("arguing", "argue", Channel::Spoken, Strength::Strong, None),
    ("ask", "ask", Channel::Spoken, Strength::Strong, None),
    ("asked", "ask", Channel::Spoken, Strength::Strong, None),
    ("asking", "ask", Channel::Spoken, Strength::Strong, None),
    ("asks", "ask", Channel::Spoken, Strength::Strong, None),
    ("assert", "assert", Channel::Spoken, Strength::Strong, None),
    ("asserted", "assert", Channel::Spoken, Strength::Strong, None),
    ("asserting", "assert", Channel::Spoken, Strength::Strong, None),
    ("asserts", "assert", Channel::Spoken, Strength::Strong, None),
    ("assure", "assure", Channel::Spoken, Strength::Strong, None),
    ("assured", "assure", Channel::Spoken, Strength::Strong, None),
    ("assures", "assure", Channel::Spoken, Strength::Strong, None),
    ("assuring", "assure", Channel::Spoken, Strength::Strong, None),
    ("beg", "beg", Channel::Spoken, Strength::Strong, None),
    ("begged", "beg", Channel::Spoken, Strength::Strong, None),
    ("begging", "beg", Channel::Spoken, Strength::Strong, None),
    ("begs", "beg", Channel::Spoken, Strength::Strong, None),
    ("blog", "blog", Channel::Written, Strength::Strong, None),
    ("blogged", "blog", Channel::Written, Strength::Strong, None),
    ("blogging", "blog", Channel::Written, Strength::Strong, None),
    ("blogs", "blog", Channel::Written, Strength::Strong, None),
    ("boast", "boast", Channel::Spoken, Strength::Strong, None),
    ("boasted", "boast", Channel::Spoken, Strength::Strong, None),
    ("boasting", "boast", Channel::Spoken, Strength::Strong, None),
    ("boasts", "boast", Channel::Spoken, Strength::Strong, None),
    ("branded", "brand", Channel::Spoken, Strength::Naming, None),
    ("brands", "brand", Channel::Spoken, Strength::Naming, None),
    ("call", "call", Channel::Spoken, Strength::Naming, None),
    ("called", "call", Channel::Spoken, Strength::Naming, None),
    ("calling", "call", Channel::Spoken, Strength::Naming, None),
    ("calls", "call", Channel::Spoken, Strength::Naming, None),
    ("caution", "caution", Channel::Spoken, Strength::Strong, None),
    ("cautioned", "caution", Channel::Spoken, Strength::Strong, None),
    ("cautioning", "caution", Channel::Spoken, Strength::Strong, None),
    ("cautions", "caution", Channel::Spoken, Strength::Strong, None),
    ("charge", "charge", Channel::Spoken, Strength::Weak, None),
    ("charged", "charge", Channel::Spoken, Strength::Weak, None),
    ("charges", "charge", Channel::Spoken, Strength::Weak, None),
    ("charging", "charge", Channel::Spoken, Strength::Weak, None),
    ("chime", "chime", Channel::Spoken, Strength::Weak, Some("in")),
    ("chimed", "chime", Channel::Spoken, Strength::Weak, Some("in")),
    ("chimes", "chime", Channel::Spoken, Strength::Weak, Some("in")),
    ("chiming", "chime", Channel::Spoken, Strength::Weak, Some("in")),
    ("chuckle", "chuckle", Channel::Spoken, Strength::Strong, None),
    ("chuckled", "chuckle", Channel::Spoken, Strength::Strong, None),
    ("chuckles", "chuckle", Channel::Spoken, Strength::Strong, None),
    ("chuckling", "chuckle", Channel::Spoken, Strength::Strong, None),
    ("claim", "claim", Channel::Spoken, Strength::Strong, None),
    ("claimed", "claim", Channel::Spoken, Strength::Strong, None),
    ("claiming", "claim", Channel::Spoken, Strength::Strong, None),
    ("claims", "claim", Channel::Spoken, Strength::Strong, None),
    ("clarified", "clarify", Channel::Spoken, Strength::Weak, None),
    ("clarifies", "clarify", Channel::Spoken, Strength::Weak, None),
    ("clarify", "clarify", Channel::Spoken, Strength::Weak, None),
    ("clarifying", "clarify", Channel::Spoken, Strength::Weak, None),
    ("comment", "comment", Channel::Spoken, Strength::Strong, None),
    ("commented", "comment", Channel::Spoken, Strength::Strong, None),
    ("commenting", "comment", Channel::Spoken, Strength::Strong, None),
    ("comments", "comment", Channel::Spoken, Strength::Strong, None),
    ("complain", "complain", Channel::Spoken, Strength::Strong, None),
    ("complained", "complain", Channel::Spoken, Strength::Strong, None),
    ("complaining", "complain", Channel::Spoken, Strength::Strong, None),
    ("complains", "complain", Channel::Spoken, Strength::Strong, None),
    ("concede", "concede", Channel::Spoken, Strength::Strong, None),
    ("conceded", "concede", Channel::Spoken, Strength::Strong, None),
    ("concedes", "concede", Channel::Spoken, Strength::Strong, None),
    ("conceding", "concede", Channel::Spoken, Strength::Strong, None),
    ("conclude", "conclude", Channel::Spoken, Strength::Strong, None),
    ("concluded", "conclude", Channel::Spoken, Strength::Strong, None),
    ("concludes", "conclude", Channel::Spoken, Strength::Strong, None),
    ("concluding", "conclude", Channel::Spoken, Strength::Strong, None),
    ("concur", "concur", Channel::Spoken, Strength::Strong, None),
    ("concurred", "concur", Channel::Spoken, Strength::Strong, None),
    ("concurring", "concur", Channel::Spoken, Strength::Strong, None),
    ("concurs", "concur", Channel::Spoken, Strength::Strong, None),
    ("confirm", "confirm", Channel::Spoken, Strength::Weak, None),
    ("confirmed", "confirm", Channel::Spoken, Strength::Weak, None),
    ("confirming", "confirm", Channel::Spoken, Strength::Weak, None),
    ("confirms", "confirm", Channel::Spoken, Strength::Weak, None),
    ("contend", "contend", Channel::Spoken, Strength::Strong, None),
    ("contended", "contend", Channel::Spoken, Strength::Strong, None),
    ("contending", "contend", Channel::Spoken, Strength::Strong, None),
    ("contends", "contend", Channel::Spoken, Strength::Strong, None),
    ("continue", "continue", Channel::Spoken, Strength::Weak, None),
    ("continued", "continue", Channel::Spoken, Strength::Weak, None),
    ("continues", "continue", Channel::Spoken, Strength::Weak, None),
    ("continuing", "continue", Channel::Spoken, Strength::Weak, None),
    ("counter", "counter", Channel::Spoken, Strength::Strong, None),
    ("countered", "counter", Channel::Spoken, Strength::Strong, None),
    ("countering", "counter", Channel::Spoken, Strength::Strong, None),
    ("counters", "counter", Channel::Spoken, Strength::Strong, None),
    ("cried", "cry", Channel::Spoken, Strength::Strong, None),
    ("cries", "cry", Channel::Spoken, Strength::Strong, None),
    ("cry", "cry", Channel::Spoken, Strength::Strong, None),
    ("crying", "cry", Channel::Spoken, Strength::Strong, None),
    ("declare", "declare", Channel::Spoken, Strength::Strong, None),
    ("declared", "declare", Channel::Spoken, Strength::Strong, None),
    ("declares", "declare", Channel::Spoken, Strength::Strong, None),
    ("declaring", "declare", Channel::Spoken, Strength::Strong, None),
    ("demand", "demand", Channel::Spoken, Strength::Strong, None),
    ("demanded", "demand", Channel::Spoken, Strength::Strong, None),
    ("demanding", "demand", Channel::Spoken, Strength::Strong, None),
    ("demands", "demand", Channel::Spoken, Strength::Strong, None),
    ("denied", "deny", Channel::Spoken, Strength::Weak, None),
    ("denies", "deny", Channel::Spoken, Strength::Weak, None),
    ("deny", "deny", Channel::Spoken, Strength::Weak, None),
    ("denying", "deny", Channel::Spoken, Strength::Weak, None),
    ("describe", "describe", Channel::Spoken, Strength::Naming, None),
    ("described", "describe", Channel::Spoken, Strength::Naming, None),
    ("describes", "describe", Channel::Spoken, Strength::Naming, None),
    ("describing", "describe", Channel::Spoken, Strength::Naming, None),
    ("disagree", "disagree", Channel::Spoken, Strength::Weak, None),
    ("disagreed", "disagree", Channel::Spoken, Strength::Weak, None),
    ("disagrees", "disagree", Channel::Spoken, Strength::Weak, None),
    ("disagreing", "disagree", Channel::Spoken, Strength::Weak, None),
    ("disclose", "disclose", Channel::Spoken, Strength::Weak, None),
    ("disclosed", "disclose", Channel::Spoken, Strength::Weak, None),
    ("discloses", "disclose", Channel::Spoken, Strength::Weak, None),
    ("disclosing", "disclose", Channel::Spoken, Strength::Weak, None),
    ("dismiss", "dismiss", Channel::Spoken, Strength::Naming, None),
    ("dismissed", "dismiss", Channel::Spoken, Strength::Naming, None),
    ("dismisses", "dismiss", Channel::Spoken, Strength::Naming, None),
    ("dismissing", "dismiss", Channel::Spoken, Strength::Naming, None),
    ("echo", "echo", Channel::Spoken, Strength::Weak, None),
    ("echoed", "echo", Channel::Spoken, Strength::Weak, None),
    ("echoes", "echo", Channel::Spoken, Strength::Weak, None),
    ("echoing", "echo", Channel::Spoken, Strength::Weak, None),
    ("elaborate", "elaborate", Channel::Spoken, Strength::Weak, None),
    ("elaborated", "elaborate", Channel::Spoken, Strength::Weak, None),
    ("elaborates", "elaborate", Channel::Spoken, Strength::Weak, None),
    ("elaborating", "elaborate", Channel::Spoken, Strength::Weak, None),
    ("email", "email", Channel::Written, Strength::Strong, None),
    ("emailed", "email", Channel::Written, Strength::Strong, None),
    ("emailing", "email", Channel::Written, Strength::Strong, None),
    ("emails", "email", Channel::Written, Strength::Strong, None),
    ("emphasise", "emphasise", Channel::Spoken, Strength::Weak, None),
    ("emphasised", "emphasise", Channel::Spoken, Strength::Weak, None),
    ("emphasises", "emphasise", Channel::Spoken, Strength::Weak, None),
    ("emphasising", "emphasise", Channel::Spoken, Strength::Weak, None),
    ("emphasize", "emphasize", Channel::Spoken, Strength::Weak, None),
    ("emphasized", "emphasize", Channel::Spoken, Strength::Weak, None),
    ("emphasizes", "emphasize", Channel::Spoken, Strength::Weak, None),
    ("emphasizing", "emphasize", Channel::Spoken, Strength::Weak, None),
    ("estimate", "estimate", Channel::Spoken, Strength::Weak, None),
    ("estimated", "estimate", Channel::Spoken, Strength::Weak, None),
    ("estimates", "estimate", Channel::Spoken, Strength::Weak, None),
    ("estimating", "estimate", Channel::Spoken, Strength::Weak, None),
    ("exclaim", "exclaim", Channel::Spoken, Strength::Strong, None),
    ("exclaimed", "exclaim", Channel::Spoken, Strength::Strong, None),
    ("exclaiming", "exclaim", Channel::Spoken, Strength::Strong, None),
    ("exclaims", "exclaim", Channel::Spoken, Strength::Strong, None),
    ("explain", "explain", Channel::Spoken, Strength::Strong, None),
    ("explained", "explain", Channel::Spoken, Strength::Strong, None),
    ("explaining", "explain", Channel::Spoken, Strength::Strong, None),
    ("explains", "explain", Channel::Spoken, Strength::Strong, None),
    ("fire", "fire", Channel::Spoken, Strength::Weak, Some("back")),
    ("fired", "fire", Channel::Spoken, Strength::Weak, Some("back")),
    ("fires", "fire", Channel::Spoken, Strength::Weak, Some("back")),
    ("firing", "fire", Channel::Spoken, Strength::Weak, Some("back")),
    ("go", "go", Channel::Spoken, Strength::Weak, Some("on")),
    ("goes", "go", Channel::Spoken, Strength::Weak, Some("on")),
    ("going", "go", Channel::Spoken, Strength::Weak, Some("on")),
    ("gone", "go", Channel::Spoken, Strength::Weak, Some("on")),
    ("groan", "groan", Channel::Spoken, Strength::Strong, None),
    ("groaned", "groan", Channel::Spoken, Strength::Strong, None),
    ("groaning", "groan", Channel::Spoken, Strength::Strong, None),
    ("groans", "groan", Channel::Spoken, Strength::Strong, None),
    ("grumble", "grumble", Channel::Spoken, Strength::Strong, None),
    ("grumbled", "grumble", Channel::Spoken, Strength::Strong, None),
    ("grumbles", "grumble", Channel::Spoken, Strength::Strong, None),
    ("grumbling", "grumble", Channel::Spoken, Strength::Strong, None),
    ("gush", "gush", Channel::Spoken, Strength::Strong, None),
    ("gushed", "gush", Channel::Spoken, Strength::Strong, None),
    ("gushes", "gush", Channel::Spoken, Strength::Strong, None),
    ("gushing", "gush", Channel::Spoken, Strength::Strong, None),
    ("inform", "inform", Channel::Spoken, Strength::Weak, None),
    ("informed", "inform", Channel::Spoken, Strength::Weak, None),
    ("informing", "inform", Channel::Spoken, Strength::Weak, None),
    ("informs", "inform", Channel::Spoken, Strength::Weak, None),
    ("insist", "insist", Channel::Spoken, Strength::Strong, None),
    ("insisted", "insist", Channel::Spoken, Strength::Strong, None),
    ("insisting", "insist", Channel::Spoken, Strength::Strong, None),
    ("insists", "insist", Channel::Spoken, Strength::Strong, None),
    ("interject", "interject", Channel::Spoken, Strength::Strong, None),
    ("interjected", "interject", Channel::Spoken, Strength::Strong, None),
    ("interjecting", "interject", Channel::Spoken, Strength::Strong, None),
    ("interjects", "interject", Channel::Spoken, Strength::Strong, None),
    ("joke", "joke", Channel::Spoken, Strength::Strong, None),
    ("joked", "joke", Channel::Spoken, Strength::Strong, None),
    ("jokes", "joke", Channel::Spoken, Strength::Strong, None),
    ("joking", "joke", Channel::Spoken, Strength::Strong, None),
    ("label", "label", Channel::Spoken, Strength::Naming, None),
    ("labeled", "label", Channel::Spoken, Strength::Naming, None),
    ("labeling", "label", Channel::Spoken, Strength::Naming, None),
    ("labelled", "label", Channel::Spoken, Strength::Naming, None),
    ("labels", "label", Channel::Spoken, Strength::Naming, None),
    ("lament", "lament", Channel::Spoken, Strength::Strong, None),
    ("lamented", "lament", Channel::Spoken, Strength::Strong, None),
    ("lamenting", "lament", Channel::Spoken, Strength::Strong, None),
    ("laments", "lament", Channel::Spoken, Strength::Strong, None),
    ("maintain", "maintain", Channel::Spoken, Strength::Strong, None),
    ("maintained", "maintain", Channel::Spoken, Strength::Strong, None),
    ("maintaining", "maintain", Channel::Spoken, Strength::Strong, None),
    ("maintains", "maintain", Channel::Spoken, Strength::Strong, None),
    ("marvel", "marvel", Channel::Spoken, Strength::Strong, None),
    ("marveled", "marvel", Channel::Spoken, Strength::Strong, None),
    ("marveling", "marvel", Channel::Spoken, Strength::Strong, None),
    ("marvels", "marvel", Channel::Spoken, Strength::Strong, None),
    ("mention", "mention", Channel::Spoken, Strength::Weak, None),
    ("mentioned", "mention", Channel::Spoken, Strength::Weak, None),
    ("mentioning", "mention", Channel::Spoken, Strength::Weak, None),
    ("mentions", "mention", Channel::Spoken, Strength::Weak, None),
    ("message", "message", Channel::Written, Strength::Strong, None),
    ("messaged", "message", Channel::Written, Strength::Strong, None),
    ("messages", "message", Channel::Written, Strength::Strong, None),
    ("messaging", "message", Channel::Written, Strength::Strong, None),
    ("murmur", "murmur", Channel::Spoken, Strength::Strong, None),
    ("murmured", "murmur", Channel::Spoken, Strength::Strong, None),
    ("murmuring", "murmur", Channel::Spoken, Strength::Strong, None),
    ("murmurs", "murmur", Channel::Spoken, Strength::Strong, None),
    ("muse", "muse", Channel::Spoken, Strength::Strong, None),
    ("mused", "muse", Channel::Spoken, Strength::Strong, None),
    ("muses", "muse", Channel::Spoken, Strength::Strong, None),
    ("musing", "muse", Channel::Spoken, Strength::Strong, None),
    ("mutter", "mutter", Channel::Spoken, Strength::Strong, None),
    ("muttered", "mutter", Channel::Spoken, Strength::Strong, None),
    ("muttering", "mutter", Channel::Spoken, Strength::Strong, None),
    ("mutters", "mutter", Channel::Spoken, Strength::Strong, None),
    ("note", "note", Channel::Spoken, Strength::Strong, None),
    ("noted", "note", Channel::Spoken, Strength::Strong, None),
    ("notes", "note", Channel::Spoken, Strength::Strong, None),
    ("noting", "note", Channel::Spoken, Strength::Strong, None),
    ("object", "object", Channel::Spoken, Strength::Weak, None),
    ("objected", "object", Channel::Spoken, Strength::Weak, None),
    ("objecting", "object", Channel::Spoken, Strength::Weak, None),
    ("objects", "object", Channel::Spoken, Strength::Weak, None),
    ("observe", "observe", Channel::Spoken, Strength::Strong, None),
    ("observed", "observe", Channel::Spoken, Strength::Strong, None),
    ("observes", "observe", Channel::Spoken, Strength::Strong, None),
    ("observing", "observe", Channel::Spoken, Strength::Strong, None),
    ("opine", "opine", Channel::Spoken, Strength::Strong, None),
    ("opined", "opine", Channel::Spoken, Strength::Strong, None),
    ("opines", "opine", Channel::Spoken, Strength::Strong, None),
    ("opining", "opine", Channel::Spoken, Strength::Strong, None),
    ("plead", "plead", Channel::Spoken, Strength::Strong, None),
    ("pleaded", "plead", Channel::Spoken, Strength::Strong, None),
    ("pleading", "plead", Channel::Spoken, Strength::Strong, None),
    ("pleads", "plead", Channel::Spoken, Strength::Strong, None),
    ("pledge", "pledge", Channel::Spoken, Strength::Weak, None),
    ("pledged", "pledge", Channel::Spoken, Strength::Weak, None),
    ("pledges", "pledge", Channel::Spoken, Strength::Weak, None),
    ("pledging", "pledge", Channel::Spoken, Strength::Weak, None),
    ("point", "point", Channel::Spoken, Strength::Weak, Some("out")),
    ("pointed", "point", Channel::Spoken, Strength::Weak, Some("out")),
    ("pointing", "point", Channel::Spoken, Strength::Weak, Some("out")),
    ("points", "point", Channel::Spoken, Strength::Weak, Some("out")),
    ("post", "post", Channel::Written, Strength::Strong, None),
    ("posted", "post", Channel::Written, Strength::Strong, None),
    ("posting", "post", Channel::Written, Strength::Strong, None),
    ("posts", "post", Channel::Written, Strength::Strong, None),
    ("predict", "predict", Channel::Spoken, Strength::Weak, None),
    ("predicted", "predict", Channel::Spoken, Strength::Weak, None),
    ("predicting", "predict", Channel::Spoken, Strength::Weak, None),
    ("predicts", "predict", Channel::Spoken, Strength::Weak, None),
    ("promise", "promise", Channel::Spoken, Strength::Weak, None),
    ("promised", "promise", Channel::Spoken, Strength::Weak, None),
    ("promises", "promise", Channel::Spoken, Strength::Weak, None),
    ("promising", "promise", Channel::Spoken, Strength::Weak, None),
    ("propose", "propose", Channel::Spoken, Strength::Weak, None),
    ("proposed", "propose", Channel::Spoken, Strength::Weak, None),
    ("proposes", "propose", Channel::Spoken, Strength::Weak, None),
    ("proposing", "propose", Channel::Spoken, Strength::Weak, None),
    ("protest", "protest", Channel::Spoken, Strength::Weak, None),
    ("protested", "protest", Channel::Spoken, Strength::Weak, None),
    ("protesting", "protest", Channel::Spoken, Strength::Weak, None),
    ("protests", "protest", Channel::Spoken, Strength::Weak, None),
    ("put", "put", Channel::Spoken, Strength::Strong, Some("it")),
    ("puts", "put", Channel::Spoken, Strength::Strong, Some("it")),
    ("putting", "put", Channel::Spoken, Strength::Strong, Some("it")),
    ("quip", "quip", Channel::Spoken, Strength::Strong, None),
    ("quipped", "quip", Channel::Spoken, Strength::Strong, None),
    ("quipping", "quip", Channel::Spoken, Strength::Strong, None),
    ("quips", "quip", Channel::Spoken, Strength::Strong, None),
    ("read", "read", Channel::Written, Strength::Weak, None),
    ("reads", "read", Channel::Written, Strength::Weak, None),
    ("reason", "reason", Channel::Spoken, Strength::Weak, None),
    ("reasoned", "reason", Channel::Spoken, Strength::Weak, None),
    ("reasoning", "reason", Channel::Spoken, Strength::Weak, None),
    ("reasons", "reason", Channel::Spoken, Strength::Weak, None),
    ("reassure", "reassure", Channel::Spoken, Strength::Strong, None),
    ("reassured", "reassure", Channel::Spoken, Strength::Strong, None),
    ("reassures", "reassure", Channel::Spoken, Strength::Strong, None),
    ("reassuring", "reassure", Channel::Spoken, Strength::Strong, None),
    ("recall", "recall", Channel::Spoken, Strength::Strong, None),
    ("recalled", "recall", Channel::Spoken, Strength::Strong, None),
    ("recalling", "recall", Channel::Spoken, Strength::Strong, None),
    ("recalls", "recall", Channel::Spoken, Strength::Strong, None),
    ("recommend", "recommend", Channel::Spoken, Strength::Weak, None),
    ("recommended", "recommend", Channel::Spoken, Strength::Weak, None),
    ("recommending", "recommend", Channel::Spoken, Strength::Weak, None),
    ("recommends", "recommend", Channel::Spoken, Strength::Weak, None),
    ("recount", "recount", Channel::Spoken, Strength::Strong, None),
    ("recounted", "recount", Channel::Spoken, Strength::Strong, None),
    ("recounting", "recount", Channel::Spoken, Strength::Strong, None),
    ("recounts", "recount", Channel::Spoken, Strength::Strong, None),
    ("reiterate", "reiterate", Channel::Spoken, Strength::Strong, None),
    ("reiterated", "reiterate", Channel::Spoken, Strength::Strong, None),
    ("reiterates", "reiterate", Channel::Spoken, Strength::Strong, None),
    ("reiterating", "reiterate", Channel::Spoken, Strength::Strong, None),
    ("remark", "remark", Channel::Spoken, Strength::Strong, None),
    ("remarked", "remark", Channel::Spoken, Strength::Strong, None),
    ("remarking", "remark", Channel::Spoken, Strength::Strong, None),
    ("remarks", "remark", Channel::Spoken, Strength::Strong, None),
    ("reminisce", "reminisce", Channel::Spoken, Strength::Strong, None),
    ("reminisced", "reminisce", Channel::Spoken, Strength::Strong, None),
    ("reminisces", "reminisce", Channel::Spoken, Strength::Strong, None),
    ("reminiscing", "reminisce", Channel::Spoken, Strength::Strong, None),
    ("repeat", "repeat", Channel::Spoken, Strength::Weak, None),
    ("repeated", "repeat", Channel::Spoken, Strength::Weak, None),
    ("repeating", "repeat", Channel::Spoken, Strength::Weak, None),
    ("repeats", "repeat", Channel::Spoken, Strength::Weak, None),
    ("replied", "reply", Channel::Spoken, Strength::Strong, None),
    ("replies", "reply", Channel::Spoken, Strength::Strong, None),
    ("reply", "reply", Channel::Spoken, Strength::Strong, None),
    ("replying", "reply", Channel::Spoken, Strength::Strong, None),
    ("report", "report", Channel::Spoken, Strength::Weak, None),
    ("reported", "report", Channel::Spoken, Strength::Weak, None),
    ("reporting", "report", Channel::Spoken, Strength::Weak, None),
    ("reports", "report", Channel::Spoken, Strength::Weak, None),
    ("respond", "respond", Channel::Spoken, Strength::Strong, None),
    ("responded", "respond", Channel::Spoken, Strength::Strong, None),
    ("responding", "respond", Channel::Spoken, Strength::Strong, None),
    ("responds", "respond", Channel::Spoken, Strength::Strong, None),
    ("retort", "retort", Channel::Spoken, Strength::Strong, None),
    ("retorted", "retort", Channel::Spoken, Strength::Strong, None),
    ("retorting", "retort", Channel::Spoken, Strength::Strong, None),
    ("retorts", "retort", Channel::Spoken, Strength::Strong, None),
    ("reveal", "reveal", Channel::Spoken, Strength::Weak, None),
    ("revealed", "reveal", Channel::Spoken, Strength::Weak, None),
    ("revealing", "reveal", Channel::Spoken, Strength::Weak, None),
    ("reveals", "reveal", Channel::Spoken, Strength::Weak, None),
    ("said", "say", Channel::Spoken, Strength::Strong, None),
    ("say", "say", Channel::Spoken, Strength::Strong, None),
    ("saying", "say", Channel::Spoken, Strength::Strong, None),
    ("says", "say", Channel::Spoken, Strength::Strong, None),
    ("scoff", "scoff", Channel::Spoken, Strength::Strong, None),
    ("scoffed", "scoff", Channel::Spoken, Strength::Strong, None),
    ("scoffing", "scoff", Channel::Spoken, Strength::Strong, None),
    ("scoffs", "scoff", Channel::Spoken, Strength::Strong, None),
    ("scream", "scream", Channel::Spoken, Strength::Strong, None),
    ("screamed", "scream", Channel::Spoken, Strength::Strong, None),
    ("screaming", "scream", Channel::Spoken, Strength::Strong, None),
    ("screams", "scream", Channel::Spoken, Strength::Strong, None),
    ("shoot", "shoot", Channel::Spoken, Strength::Weak, Some("back")),
    ("shooting", "shoot", Channel::Spoken, Strength::Weak, Some("back")),
    ("shoots", "shoot", Channel::Spoken, Strength::Weak, Some("back")),
    ("shot", "shoot", Channel::Spoken, Strength::Weak, Some("back")),
    ("shout", "shout", Channel::Spoken, Strength::Strong, None),
    ("shouted", "shout", Channel::Spoken, Strength::Strong, None),
    ("shouting", "shout", Channel::Spoken, Strength::Strong, None),
    ("shouts", "shout", Channel::Spoken, Strength::Strong, None),
    ("sigh", "sigh", Channel::Spoken, Strength::Strong, None),
    ("sighed", "sigh", Channel::Spoken, Strength::Strong, None),
    ("sighing", "sigh", Channel::Spoken, Strength::Strong, None),
    ("sighs", "sigh", Channel::Spoken, Strength::Strong, None),
    ("snap", "snap", Channel::Spoken, Strength::Strong, None),
    ("snapped", "snap", Channel::Spoken, Strength::Strong, None),
    ("snapping", "snap", Channel::Spoken, Strength::Strong, None),
    ("snaps", "snap", Channel::Spoken, Strength::Strong, None),
    ("speak", "speak", Channel::Spoken, Strength::Weak, None),
    ("speaking", "speak", Channel::Spoken, Strength::Weak, None),
    ("speaks", "speak", Channel::Spoken, Strength::Weak, None),
    ("speculate", "speculate", Channel::Spoken, Strength::Strong, None),
    ("speculated", "speculate", Channel::Spoken, Strength::Strong, None),
    ("speculates", "speculate", Channel::Spoken, Strength::Strong, None),
    ("speculating", "speculate", Channel::Spoken, Strength::Strong, None),
    ("spoke", "speak", Channel::Spoken, Strength::Weak, None),
    ("spoken", "speak", Channel::Spoken, Strength::Weak, None),
    ("state", "state", Channel::Spoken, Strength::Strong, None),
    ("stated", "state", Channel::Spoken, Strength::Strong, None),
    ("states", "state", Channel::Spoken, Strength::Strong, None),
    ("stating", "state", Channel::Spoken, Strength::Strong, None),
    ("stress", "stress", Channel::Spoken, Strength::Weak, None),
    ("stressed", "stress", Channel::Spoken, Strength::Weak, None),
    ("stresses", "stress", Channel::Spoken, Strength::Weak, None),
    ("stressing", "stress", Channel::Spoken, Strength::Weak, None),
    ("suggest", "suggest", Channel::Spoken, Strength::Weak, None),
    ("suggested", "suggest", Channel::Spoken, Strength::Weak, None),
    ("suggesting", "suggest", Channel::Spoken, Strength::Weak, None),
    ("suggests", "suggest", Channel::Spoken, Strength::Weak, None),
    ("sum", "sum", Channel::Spoken, Strength::Weak, Some("up")),
    ("summed", "sum", Channel::Spoken, Strength::Weak, Some("up")),
    ("summing", "sum", Channel::Spoken, Strength::Weak, Some("up")),
    ("sums", "sum", Channel::Spoken, Strength::Weak, Some("up")),
    ("tell", "tell", Channel::Spoken, Strength::Strong, None),
    ("telling", "tell", Channel::Spoken, Strength::Strong, None),
    ("tells", "tell", Channel::Spoken, Strength::Strong, None),
    ("testified", "testify", Channel::Spoken, Strength::Strong, None),
    ("testifies", "testify", Channel::Spoken, Strength::Strong, None),
    ("testify", "testify", Channel::Spoken, Strength::Strong, None),
    ("testifying", "testify", Channel::Spoken, Strength::Strong, None),
    ("text", "text", Channel::Written, Strength::Strong, None),
    ("texted", "text", Channel::Written, Strength::Strong, None),
    ("texting", "text", Channel::Written, Strength::Strong, None),
    ("texts", "text", Channel::Written, Strength::Strong, None),
    ("told", "tell", Channel::Spoken, Strength::Strong, None),
    ("tweet", "tweet", Channel::Written, Strength::Strong, None),
    ("tweeted", "tweet", Channel::Written, Strength::Strong, None),
    ("tweeting", "tweet", Channel::Written, Strength::Strong, None),
    ("tweets", "tweet", Channel::Written, Strength::Strong, None),
    ("urge", "urge", Channel::Spoken, Strength::Strong, None),
    ("urged", "urge", Channel::Spoken, Strength::Strong, None),
    ("urges", "urge", Channel::Spoken, Strength::Strong, None),
    ("urging", "urge", Channel::Spoken, Strength::Strong, None),
    ("vow", "vow", Channel::Spoken, Strength::Weak, None),
    ("vowed", "vow", Channel::Spoken, Strength::Weak, None),
    ("vowing", "vow", Channel::Spoken, Strength::Weak, None),
    ("vows", "vow", Channel::Spoken, Strength::Weak, None),
    ("warn", "warn", Channel::Spoken, Strength::Strong, None),
    ("warned", "warn", Channel::Spoken, Strength::Strong, None),
    ("warning", "warn", Channel::Spoken, Strength::Strong, None),
    ("warns", "warn", Channel::Spoken, Strength::Strong, None),
    ("weigh", "weigh", Channel::Spoken, Strength::Weak, Some("in")),
    ("weighed", "weigh", Channel::Spoken, Strength::Weak, Some("in")),
    ("weighing", "weigh", Channel::Spoken, Strength::Weak, Some("in")),
    ("weighs", "weigh", Channel::Spoken, Strength::Weak, Some("in")),
    ("went", "go", Channel::Spoken, Strength::Weak, Some("on")),
    ("whisper", "whisper", Channel::Spoken, Strength::Strong, None),
    ("whispered", "whisper", Channel::Spoken, Strength::Strong, None),
    ("whispering", "whisper", Channel::Spoken, Strength::Strong, None),
    ("whispers", "whisper", Channel::Spoken, Strength::Strong, None),
    ("wonder", "wonder", Channel::Spoken, Strength::Strong, None),
    ("wondered", "wonder", Channel::Spoken, Strength::Strong, None),
    ("wondering", "wonder", Channel::Spoken, Strength::Strong, None),
    ("wonders", "wonder", Channel::Spoken, Strength::Strong, None),
    ("write", "write", Channel::Written, Strength::Strong, None),
    ("writes", "write", Channel::Written, Strength::Strong, None),
    ("writing", "write", Channel::Written, Strength::Strong, None),
    ("written", "write", Channel::Written, Strength::Strong, None),
    ("wrote", "write", Channel::Written, Strength::Strong, None),
    ("yell", "yell", Channel::Spoken, Strength::Strong, None),
    ("yelled", "yell", Channel::Spoken, Strength::Strong, None),
    ("yelling", "yell", Channel::Spoken, Strength::Strong, None),
    ("yells", "yell", Channel::Spoken, Strength::Strong, None),
];

/// Verbs of stance and judgement: their object is the subject's words
/// (“Reed blasted the plan as ‘…’”, “accused him of ‘…’”, “pledged to
/// ‘…’”), so they count as naming cues, only after a named speaker. An entry
/// is a base form whose other forms follow the rules of [`inflect`], or
/// `base past -ing` when they do not.
const STANCE: &[&str] = &[
    "accuse",
    "apologize",
    "apologise",
    "applaud",
    "assail",
    "attack",
    "bash",
    "bemoan",
    "berate",
    "blame",
    "blast",
    "brag bragged bragging",
    "champion",
    "coin",
    "grouse",
    "offer",
    "ponder",
    "exhort",
    "rule",
    "reference",
    "admire",
    "talk",
    "worry",
    "fear",
    "believe",
    "think thought thinking",
    "chant",
    "characterize",
    "characterise",
    "cheer",
    "chide",
    "cite",
    "commend",
    "compare",
    "condemn",
    "congratulate",
    "credit",
    "criticize",
    "criticise",
    "decry",
    "defend",
    "denounce",
    "deplore",
    "deride",
    "dispute",
    "excoriate",
    "express",
    "fault",
    "hail",
    "herald",
    "implore",
    "insult",
    "invoke",
    "lambaste",
    "laud",
    "liken",
    "mock",
    "portray",
    "praise",
    "proclaim",
    "question",
    "rail",
    "rebuke",
    "refer referred referring",
    "reject",
    "ridicule",
    "scold",
    "slam slammed slamming",
    "swear swore swearing",
    "taunt",
    "thank",
    "threaten",
    "tout",
    "voice",
    "welcome",
];

/// The regular forms of a verb: `-s`, past, `-ing`.
fn inflect(base: &str) -> [String; 3] {
    let third = if base.ends_with(['s', 'x', 'z']) || base.ends_with("ch") || base.ends_with("sh") {
        format!("{base}es")
    } else if let Some(stem) = base.strip_suffix('y') {
        format!("{stem}ies")
    } else {
        format!("{base}s")
    };
    let (past, ing) = if let Some(stem) = base.strip_suffix('e') {
        (format!("{base}d"), format!("{stem}ing"))
    } else if let Some(stem) = base.strip_suffix('y') {
        (format!("{stem}ied"), format!("{base}ing"))
    } else {
        (format!("{base}ed"), format!("{base}ing"))
    };
    [third, past, ing]
}

/// Every cue by form: the forms of [`FORMS`], then the stance forms that
/// are not among them.
fn cues() -> &'static HashMap<String, Cue> {
    static CUES: OnceLock<HashMap<String, Cue>> = OnceLock::new();
    CUES.get_or_init(|| {
        let mut map = HashMap::default();
        for &(form, base, channel, strength, particle) in FORMS {
            map.insert(
                form.to_string(),
                Cue {
                    base,
                    channel,
                    strength,
                    particle,
                    participle: form.ends_with("ing") && !base.ends_with("ing"),
                },
            );
        }
        let mut stance: HashMap<String, &'static str> = HashMap::default();
        for entry in STANCE {
            let mut words = entry.split(' ');
            let base = words.next().unwrap_or(entry);
            let [third, mut past, mut ing] = inflect(base);
            if let (Some(p), Some(i)) = (words.next(), words.next()) {
                past = p.to_string();
                ing = i.to_string();
            }
            for form in [base.to_string(), third, past, ing] {
                stance.insert(form, base);
            }
        }
        for (form, base) in stance {
            let participle = form.ends_with("ing") && !base.ends_with("ing");
            map.entry(form).or_insert(Cue {
                base,
                channel: Channel::Spoken,
                strength: Strength::Naming,
                particle: None,
                participle,
            });
        }
        map
    })
}

/// The cue a lowercase word is, if any. Capitalised words are names ("State",
/// "Post"), never cues.
pub fn lookup(word: &str) -> Option<Cue> {
    if !word.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    cues().get(word).copied()
}

/// Words that may stand between a speaker and the cue: auxiliaries and
/// adverbs ("has said", "also told", "was quoted as saying").
pub fn is_filler(word: &str) -> bool {
    matches!(
        word,
        "has"
            | "had"
            | "have"
            | "was"
            | "were"
            | "is"
            | "are"
            | "would"
            | "will"
            | "could"
            | "did"
            | "does"
            | "do"
            | "also"
            | "later"
            | "then"
            | "previously"
            | "recently"
            | "once"
            | "again"
            | "repeatedly"
            | "publicly"
            | "privately"
            | "often"
            | "already"
            | "quickly"
            | "simply"
            | "flatly"
            | "bluntly"
            | "firmly"
            | "quoted"
            | "as"
            | "reportedly"
            | "earlier"
            | "subsequently"
            | "separately"
            | "further"
            | "finally"
            | "only"
            | "even"
            | "still"
            | "just"
            | "frequently"
            | "angrily"
            | "calmly"
            | "softly"
            | "quietly"
            | "loudly"
            | "emphatically"
            | "tersely"
            | "wryly"
            | "cautiously"
            | "confidently"
            | "defiantly"
            | "proudly"
            | "sadly"
            | "tearfully"
            | "openly"
            | "candidly"
            | "been"
            | "being"
            | "not"
            | "never"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_sorted_and_unique() {
        for pair in FORMS.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
        }
    }

    #[test]
    fn every_tense_is_a_cue_and_names_are_not() {
        for word in [
            "said",
            "says",
            "say",
            "saying",
            "told",
            "tells",
            "added",
            "asked",
            "wrote",
            "writes",
            "posted",
            "tweeted",
            "stated",
            "explained",
            "warned",
            "argued",
            "noted",
            "insisted",
            "claimed",
            "admitted",
            "recalled",
            "replied",
            "replies",
        ] {
            assert!(lookup(word).is_some(), "{word}");
        }
        assert_eq!(lookup("wrote").unwrap().channel, Channel::Written);
        assert!(lookup("adding").unwrap().participle);
        assert_eq!(lookup("pointed").unwrap().particle, Some("out"));
        for word in ["State", "Post", "Said", "sang", "the", "blastoff"] {
            assert!(lookup(word).is_none(), "{word}");
        }
        // Verbs of stance, regular and listed forms alike, are naming cues.
        for word in [
            "blasted",
            "blasts",
            "blasting",
            "accused",
            "slammed",
            "referring",
            "swore",
            "thought",
            "criticizes",
            "decried",
        ] {
            assert_eq!(
                lookup(word).map(|c| c.strength),
                Some(Strength::Naming),
                "{word}"
            );
        }
        assert_eq!(lookup("reads").unwrap().channel, Channel::Written);
    }
}
