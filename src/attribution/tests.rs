//! Snapshot tests of the suggestions: every top-level quotation of a fixture
//! article with what the prose says about its speaker.

use super::{Outcome, Suggester, quote_words};
use crate::workspace::fixture;
use expect_test::{Expect, expect};
use std::path::Path;

fn check(fixture: &str, expect: Expect) {
    let (ws, _) = fixture::workspace(fixture);
    let path = Path::new("/a.news.md");
    let file = ws.file(path).expect("the fixture has /a.news.md");
    let s = Suggester::new(&ws, path).unwrap();
    let mut out = String::new();
    for (q, o) in s.all() {
        let quote = s.article().quotations[q].range.slice(&file.text);
        let quote: String = quote
            .chars()
            .take(24)
            .collect::<String>()
            .replace('\n', "¶");
        let line = match &o {
            Outcome::Speaker(s) => format!(
                "{} {:?} ({}) {:?}{}",
                s.speaker
                    .as_deref()
                    .map_or("-".to_string(), |id| format!("@{id}")),
                s.name,
                quote_words(&file.text, s),
                s.pattern,
                if s.anonymous { " anonymous" } else { "" }
            ),
            Outcome::Unresolved { text, cue } => format!(
                "unresolved {:?} {:?}",
                text.slice(&file.text),
                cue.slice(&file.text)
            ),
            Outcome::NotSpeech(n) => format!("{n:?}"),
            Outcome::Nothing => "nothing".to_string(),
        };
        out.push_str(&format!("{quote} => {line}\n"));
    }
    expect.assert_eq(&out);
}

const REGISTRY: &str = "//- /actors.yaml
blinken:
  name: Antony Blinken
  kind: person
  aliases: [Blinken, Secretary of State Antony J. Blinken]
  pronouns: he
  roles:
    - title: Secretary of State
lopez:
  name: Maria Lopez
  kind: person
  pronouns: she
ministry:
  name: Foreign Ministry
  kind: organization
  aliases: [the ministry]
hassan:
  name: Omar Hassan
  kind: person
  pronouns: he
";

#[test]
fn after_and_before_the_quote() {
    check(
        &format!(
            "{REGISTRY}//- /a.news.md
[Secretary of State Antony J. Blinken](@blinken) arrived on Monday.

“We have a narrow window,” he said. “We intend to use it.”

“It is fragile,” said Maria Lopez, the envoy.

Lopez told reporters: “The talks resume Monday.”

Blinken said the talks were “fragile but alive.”

In a statement, the ministry said: “Aid will arrive.”

“Nothing is agreed,” according to Lopez.

“Hope is not a plan.” — Maria Lopez
"
        ),
        expect![[r#"
            “We have a narrow window => @blinken "Antony Blinken" (he said) After
            “We intend to use it.” => @blinken "Antony Blinken" (he said) Split
            “It is fragile,” => @lopez "Maria Lopez" (said Maria Lopez) After
            “The talks resume Monday => @lopez "Maria Lopez" (Lopez told) Before
            “fragile but alive.” => @blinken "Antony Blinken" (Blinken said) Before
            “Aid will arrive.” => @ministry "Foreign Ministry" (the ministry said) Before
            “Nothing is agreed,” => @lopez "Maria Lopez" (according to Lopez) After
            “Hope is not a plan.” => @lopez "Maria Lopez" (— Maria Lopez) Dash
        "#]],
    );
}

#[test]
fn written_channels_and_organisations() {
    check(
        &format!(
            "{REGISTRY}//- /a.news.md
[Maria Lopez](@lopez) posted on X: “We are close.”

The Foreign Ministry said it would respond. “We reject the report,” it said in a statement.

“The door is open,” Lopez wrote in a letter to the minister.

Lopez tweeted that the talks were “going well.”

The ministry, in a statement, said “no decision has been taken.”
"
        ),
        expect![[r#"
            “We are close.” => @lopez "Maria Lopez" (Maria Lopez posted) Before
            “We reject the report,” => @ministry "Foreign Ministry" (it said) After
            “The door is open,” => @lopez "Maria Lopez" (Lopez wrote) After
            “going well.” => @lopez "Maria Lopez" (Lopez tweeted) Before
            “no decision has been ta => @ministry "Foreign Ministry" (The ministry, in a statement, said) Before
        "#]],
    );
}

#[test]
fn anonymous_sources_and_local_actors() {
    check(
        "//- /a.news.md
---
actors:
  aide-1:
    anonymous: true
    described_as: a senior official traveling with the envoy
---
“It is fragile,” said a senior official traveling with the envoy, who was not authorized to discuss the talks.

“We will see,” the official said.

“Nobody expected this,” said a person who attended the meeting.

An official who spoke on condition of anonymity said: “The deal is done.”

“They will sign,” two people familiar with the plans said.
",
        expect![[r#"
            “It is fragile,” => @aide-1 "a senior official traveling with the envoy" (said a senior official traveling with the envoy) After anonymous
            “We will see,” => @aide-1 "a senior official traveling with the envoy" (the official said) After anonymous
            “Nobody expected this,” => - "a person who attended the meeting" (said a person who attended the meeting) After anonymous
            “The deal is done.” => @aide-1 "a senior official traveling with the envoy" (An official who spoke on condition of anonymity said) Before anonymous
            “They will sign,” => - "two people familiar with the plans" (two people familiar with the plans said) After anonymous
        "#]],
    );
}

#[test]
fn pronouns_titles_and_surnames_resolve_to_people() {
    check(
        &format!(
            "{REGISTRY}//- /a.news.md
Secretary of State Antony J. Blinken met Maria Lopez in Cairo.

“We agreed on the first steps,” she said.

“The secretary was generous,” Lopez added, before Blinken spoke. “We will follow up,” he said.

“It is a start,” the secretary said.
"
        ),
        expect![[r#"
            “We agreed on the first  => @lopez "Maria Lopez" (she said) After
            “The secretary was gener => @lopez "Maria Lopez" (Lopez added) After
            “We will follow up,” => @blinken "Antony Blinken" (he said) After
            “It is a start,” => @blinken "Antony Blinken" (the secretary said) After
        "#]],
    );
}

#[test]
fn without_a_registry_the_fullest_name_is_given() {
    check(
        "//- /a.news.md
WASHINGTON — Special Envoy Maria Lopez, 54, arrived on Monday.

“We have a window,” Lopez said. “We will use it.”

Sen. Tom Reed was skeptical. “I have heard this before,” Mr. Reed said.

“Not this time,” she said.
",
        expect![[r#"
            “We have a window,” => - "Maria Lopez" (Lopez said) After
            “We will use it.” => - "Maria Lopez" (Lopez said) Split
            “I have heard this befor => - "Tom Reed" (Mr. Reed said) After
            “Not this time,” => - "Maria Lopez" (she said) After
        "#]],
    );
}

#[test]
fn a_mention_link_is_the_strongest_signal() {
    check(
        &format!(
            "{REGISTRY}//- /a.news.md
“We will go,” [the envoy](@lopez) said. “Soon,” [she](@lopez) added.

“Not yet,” [Hassan](@hassan) said.
"
        ),
        expect![[r#"
            “We will go,” => @lopez "Maria Lopez" (the envoy said) After
            “Soon,” => @lopez "Maria Lopez" (she added) After
            “Not yet,” => @hassan "Omar Hassan" (Hassan said) After
        "#]],
    );
}

#[test]
fn continuations_split_quotes_and_block_quotes() {
    check(
        &format!(
            "{REGISTRY}//- /a.news.md
“The window is narrow,” Lopez told reporters. “We intend to use it.”

“Nobody should mistake patience for weakness.”

Lopez said the talks would resume.

“We are ready,

“and we are patient.”

Lopez wrote on Facebook:

> We will be back in the spring.

> Hope is not a plan.
> — Maria Lopez, in a speech

“We will not back down.” Lopez said the talks would resume on Monday.
"
        ),
        expect![[r#"
            “The window is narrow,” => @lopez "Maria Lopez" (Lopez told) After
            “We intend to use it.” => @lopez "Maria Lopez" (Lopez told) Split
            “Nobody should mistake p => @lopez "Maria Lopez" (Lopez told) Continuation
            “We are ready,¶¶“and we  => @lopez "Maria Lopez" (Lopez said) Continuation
            > We will be back in the => @lopez "Maria Lopez" (Lopez wrote) Before
            > Hope is not a plan.¶>  => @lopez "Maria Lopez" (— Maria Lopez) Dash
            “We will not back down.” => @lopez "Maria Lopez" (Lopez said) NextSentence
        "#]],
    );
}

#[test]
fn traps_get_no_suggestion() {
    check(
        &format!(
            "{REGISTRY}//- /a.news.md
Critics called the plan a “fig leaf” and read “War and Peace” on the flight.

Lopez said the so-called “peace dividend” was a myth, and the book “The Long Road Home” was a gift.

Her memoir, “Becoming Maria,” came out in May. The talks were “on hold,” officials said.

“I told him, ‘No way,’ and he laughed,” Lopez said.

Use `“code”` freely.

“Why did it take two days?”
"
        ),
        expect![[r#"
            “fig leaf” => Scare
            “War and Peace” => Title
            “peace dividend” => Scare
            “The Long Road Home” => Title
            “Becoming Maria,” => Title
            “on hold,” => - "officials" (officials said) After anonymous
            “I told him, ‘No way,’ a => @lopez "Maria Lopez" (Lopez said) After
            “Why did it take two day => nothing
        "#]],
    );
}

#[test]
fn two_speakers_in_one_paragraph_and_an_unresolved_pronoun() {
    check(
        &format!(
            "{REGISTRY}//- /a.news.md
“We will,” Lopez said, but Hassan disagreed: “We won’t.” “Never,” he added.

“Too late,” he said.
"
        ),
        expect![[r#"
            “We will,” => @lopez "Maria Lopez" (Lopez said) After
            “We won’t.” => @hassan "Omar Hassan" (Hassan disagreed) Before
            “Never,” => @hassan "Omar Hassan" (he added) After
            “Too late,” => @hassan "Omar Hassan" (he said) After
        "#]],
    );
    check(
        "//- /a.news.md\n“Too late,” he said.\n\nThe “talks” resumed.\n",
        expect![[r#"
            “Too late,” => unresolved "he" "said"
            “talks” => Scare
        "#]],
    );
}

#[test]
fn windows_cut_inside_characters_do_not_panic() {
    // The look-around windows are cut by byte counts; with two- and
    // four-byte characters every alignment is tried.
    for pad in 0..8 {
        let filler = "é😀".repeat(120);
        let text = format!(
            "//- /a.news.md\n{}{filler} said “Hi,” she said{filler}. “Yes.”\n\n“More,” {filler}\n",
            "x".repeat(pad)
        );
        let (ws, _) = fixture::workspace(&text);
        let s = Suggester::new(&ws, Path::new("/a.news.md")).unwrap();
        assert_eq!(s.all().len(), 3);
    }
}

#[test]
fn registry_actors_without_a_kind_are_people_by_their_pronouns_or_full_names() {
    check(
        "//- /actors.yaml\nlopez:\n  name: Maria Lopez\n  pronouns: she\nreed:\n  name: Tom Reed\nunit:\n  name: Delta\n//- /a.news.md\n[Lopez](@lopez) arrived. “We will,” she said.\n\n[Reed](@reed) left. “No,” he said.\n\n[Delta](@unit) moved. “Go,” he said.\n",
        expect![[r#"
            “We will,” => @lopez "Maria Lopez" (she said) After
            “No,” => @reed "Tom Reed" (he said) After
            “Go,” => @reed "Tom Reed" (he said) After
        "#]],
    );
}

#[test]
fn an_affiliation_after_a_name_is_not_part_of_it() {
    check(
        "//- /actors.yaml\ncalfire:\n  name: California Department of Forestry and Fire Protection\n  kind: organization\n  aliases: [Cal Fire]\nruiz:\n  name: Antonio Ruiz\n//- /a.news.md\n“We lost the ridge,” said Battalion Chief Antonio Ruiz of Cal Fire.\n\n“It is spreading,” said a spokesman for the Department of Forestry.\n",
        expect![[r#"
            “We lost the ridge,” => @ruiz "Antonio Ruiz" (said Battalion Chief Antonio Ruiz) After
            “It is spreading,” => - "a spokesman for the Department of Forestry" (said a spokesman for the Department of Forestry) After anonymous
        "#]],
    );
}

/// A negated verb is no cue (SPEC §5.1), with adverbs between or not.
#[test]
fn a_negated_verb_is_no_cue() {
    check(
        &format!(
            "{REGISTRY}//- /a.news.md
The window is “narrow.” Lopez has not said.

The vote is due. “Not yet.” Lopez has not yet said.

The vote is due. “Soon.” Lopez did not immediately say.

The vote is due. “Later.” Lopez has publicly said.
"
        ),
        expect![[r#"
            “narrow.” => nothing
            “Not yet.” => nothing
            “Soon.” => nothing
            “Later.” => @lopez "Maria Lopez" (Lopez has publicly said) NextSentence
        "#]],
    );
}

#[test]
fn subjects_with_tags_relatives_and_adverbials() {
    check(
        "//- /a.news.md
Sen. Ann Reed (D-Ore.) said the bill was a “good start” for the state.

At the hearing on Monday Rep. Tom Hale said the cuts were “reckless.”

Holding signs, the protesters chanted “no more cuts” outside.

Critics praised Hale, who said the vote was “long overdue.”

Reed toured the plant, and later urged voters to “stay the course.”

“We are not done,” and Hale said nothing more.
",
        expect![[r#"
            “good start” => - "Ann Reed" (Sen. Ann Reed (D-Ore.) said) Before
            “reckless.” => - "Tom Hale" (Rep. Tom Hale said) Before
            “no more cuts” => - "the protesters" (the protesters chanted) Before anonymous
            “long overdue.” => - "Tom Hale" (Hale, who said) Before
            “stay the course.” => - "Ann Reed" (Reed toured the plant, and later urged) Before
            “We are not done,” => nothing
        "#]],
    );
}

#[test]
fn titles_documents_and_affiliations_stand_for_the_speaker() {
    check(
        "//- /a.news.md
“We will appeal,” the governor said.

“The claims have no merit,” the lawsuit says.

The Tribune’s Nina Kessler wrote that the race was “wide open.”

“I have not decided,” said a Portville Democrat.
",
        expect![[r#"
            “We will appeal,” => - "the governor" (the governor said) After
            “The claims have no meri => - "the lawsuit" (the lawsuit says) After
            “wide open.” => - "Nina Kessler" (The Tribune’s Nina Kessler wrote) Before
            “I have not decided,” => - "a Portville Democrat" (said a Portville Democrat) After anonymous
        "#]],
    );
}

#[test]
fn stance_verbs_nesting_and_adverbial_clauses() {
    check(
        "//- /a.news.md
Reed said Hale had called the plan “a fig leaf.”

Hale blasted the plan as “reckless” and vowed to block it.

As Reed spoke, the crowd chanted “shame” at the back.

As Reed put it, the deal was “dead on arrival.”

Hale flew back to his home state to talk about “real jobs.”

Critics derided it as a “pipe dream.”
",
        expect![[r#"
            “a fig leaf.” => - "Reed" (Reed said Hale had called) Before
            “reckless” => - "Hale" (Hale blasted) Before
            “shame” => - "the crowd" (the crowd chanted) Before
            “dead on arrival.” => - "Reed" (Reed put it) Before
            “real jobs.” => nothing
            “pipe dream.” => nothing
        "#]],
    );
}

#[test]
fn an_attribution_that_ends_the_sentence() {
    check(
        "//- /a.news.md
A delay would be “a gift to the contractors,” Reed said on Monday.

Ridership is “well below” normal, said union organizer Tom Hale, who led the campaign.

The truck, called the “Mule,” has a range of 250 miles, the company said.

The delay is “a few months, not a solution,” and Hale said he would keep pushing.
",
        expect![[r#"
            “a gift to the contracto => - "Reed" (Reed said) After
            “well below” => - "Tom Hale" (said union organizer Tom Hale) After
            “Mule,” => Scare
            “a few months, not a sol => nothing
        "#]],
    );
}

#[test]
fn a_quotation_after_a_colon_is_the_clause_subjects() {
    check(
        "//- /a.news.md
Sen. Ann Reed, exasperated, finally replied: “Enough.”

Tom Hale: “We will not move.”

Asked about the cost, continued Hale: “It pays for itself.”

The results were clear: “Four more years.”
",
        expect![[r#"
            “Enough.” => - "Ann Reed" (Sen. Ann Reed, exasperated, finally replied) Before
            “We will not move.” => - "Tom Hale" (Tom Hale) Before
            “It pays for itself.” => - "Tom Hale" (continued Hale) Before
            “Four more years.” => nothing
        "#]],
    );
}

#[test]
fn a_persons_pronoun_is_learnt_from_the_article() {
    // No registry says who is "she": the article does, in "Ann Reed said
    // she …", and "Tom Hale said he …".
    check(
        "//- /a.news.md
Ann Reed met Tom Hale on Monday. Reed said she wanted repairs.

Hale said he had ordered parts. Hale promised a contractor by December. “I will believe it when I see it,” she said.
",
        expect![[r#"
            “I will believe it when  => - "Ann Reed" (she said) After
        "#]],
    );
    check(
        "//- /a.news.md
Ann Reed met Tom Hale on Monday.

Hale promised a contractor by December. “I will believe it when I see it,” she said.
",
        expect![[r#"
            “I will believe it when  => - "Tom Hale" (she said) After
        "#]],
    );
}

#[test]
fn descriptions_ages_and_nested_quotes() {
    check(
        "//- /a.news.md
Tom Hale spoke first. “It is done,” the 43-year-old said.

“We were not consulted,” his nephew Omar Haddad added.

“The harm is real,” federal prosecutors wrote.

“There was no plan,” said a former U.S. official who oversaw the program.

“Nothing changes,” said one of those advisers.

“I told him, ‘Not yet,’” Hale said.
",
        expect![[r#"
            “It is done,” => - "Tom Hale" (the 43-year-old said) After
            “We were not consulted,” => - "Omar Haddad" (his nephew Omar Haddad added) After
            “The harm is real,” => - "federal prosecutors" (federal prosecutors wrote) After anonymous
            “There was no plan,” => - "a former U.S. official who oversaw the program" (said a former U.S. official who oversaw the program) After anonymous
            “Nothing changes,” => - "one of those advisers" (said one of those advisers) After anonymous
            “I told him, ‘Not yet,’” => - "Tom Hale" (Hale said) After
        "#]],
    );
}

#[test]
fn statements_introduced_inverted_verbs_and_state_abbreviations() {
    check(
        "//- /a.news.md
Gov. Ann Reed issued the following statement:

“Our thoughts are with the families tonight.”

“This is the best day of my life!” beamed Tom Hale, a delegate from Ohio.

Cory Lane, 22, of Flint, Mich., said he still hoped for a “surprise,” because the vote was close.
",
        expect![[r#"
            “Our thoughts are with t => - "Ann Reed" (Gov. Ann Reed issued the following statement) Continuation
            “This is the best day of => - "Tom Hale" (beamed Tom Hale) After
            “surprise,” => - "Cory Lane" (Cory Lane, 22, of Flint, Mich., said) Before
        "#]],
    );
}

#[test]
fn fronted_participles_bars_and_pronouns_before_the_cue() {
    check(
        "//- /a.news.md
“Build the park first.” ― Ana Reyes

After saying the plan was “dead,” Ann Reed left the room.

Bemoaning the “backroom deal,” Tom Hale said he would appeal.

A day later in an interview with a local paper he blasted the vote as “rigged.”

Picket signs read “Fair Pay Now.”
",
        expect![[r#"
            “Build the park first.” => - "Ana Reyes" (― Ana Reyes) Dash
            “dead,” => - "Ann Reed" (saying the plan was “dead,” Ann Reed) Before
            “backroom deal,” => - "Tom Hale" (Tom Hale said) After
            “rigged.” => - "Tom Hale" (he blasted) Before
            “Fair Pay Now.” => nothing
        "#]],
    );
}

#[test]
fn a_surname_before_the_full_name_is_the_actor_named_later() {
    // Two actors share the surname, so the surname alone names neither; the
    // article's full name, even after it, says which one it means.
    let registry = "//- /actors.yaml
dana-vek:
  name: Dana Vek
  kind: person
  aliases: [Vek]
  pronouns: she
olin-vek:
  name: Olin Vek
  kind: person
  aliases: [Vek]
  pronouns: he
";
    check(
        &format!(
            "{registry}//- /a.news.md
“The pier reopens Monday,” Vek said.

Dana Vek spoke after the meeting. “Ferries will run,” she said.
"
        ),
        expect![[r#"
            “The pier reopens Monday => @dana-vek "Dana Vek" (Vek said) After
            “Ferries will run,” => @dana-vek "Dana Vek" (she said) After
        "#]],
    );
    // Both named in full: the surname stays nobody's.
    check(
        &format!(
            "{registry}//- /a.news.md
“The pier reopens Monday,” Vek said.

Dana Vek spoke after the meeting. Olin Vek left early.
"
        ),
        expect![[r#"
            “The pier reopens Monday => - "Vek" (Vek said) After
        "#]],
    );
}
