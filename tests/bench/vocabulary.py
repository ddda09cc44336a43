"""Words and sentence templates for the synthetic benchmark site.

Romanised syllables map one to one onto Hangul, so every generated person has
a unique native name. No template holds an ellipsis, a person's name or
Markdown, so quotes cut from the sentences are found verbatim.
"""

SURNAMES = [("Kim", "김"), ("Lee", "이"), ("Park", "박"), ("Choi", "최"), ("Jung", "정"), ("Kang", "강"),
            ("Cho", "조"), ("Yoon", "윤"), ("Jang", "장"), ("Lim", "임"), ("Han", "한"), ("Oh", "오"),
            ("Seo", "서"), ("Shin", "신"), ("Kwon", "권"), ("Hwang", "황"), ("Ahn", "안"), ("Song", "송"),
            ("Ryu", "류"), ("Hong", "홍")]
SYLLABLES = [("min", "민"), ("jun", "준"), ("seo", "서"), ("ji", "지"), ("hyun", "현"), ("woo", "우"),
             ("young", "영"), ("soo", "수"), ("jae", "재"), ("eun", "은"), ("ho", "호"), ("sung", "성"),
             ("jin", "진"), ("kyung", "경"), ("hee", "희"), ("dong", "동"), ("sang", "상"), ("chul", "철"),
             ("yong", "용"), ("hye", "혜"), ("tae", "태"), ("won", "원"), ("gyu", "규"), ("bin", "빈")]

ROLE_TITLES = ["Foreign Minister", "Vice Foreign Minister", "Unification Minister", "Chief Negotiator",
               "National Security Adviser", "Special Representative", "Ambassador", "Senior Researcher",
               "Defence Minister", "Deputy Envoy"]
ORGANIZATIONS = ["South Korea", "North Korea", "United States", "China", "Japan", "Russia",
                 "Asan Institute for Policy Studies", "Korea Institute for National Unification"]
PLACES = ["Seoul", "Pyongyang", "Washington", "Beijing", "Tokyo", "Moscow", "Panmunjom", "Singapore",
          "Hanoi", "Geneva", "Stockholm", "Vladivostok", "Kaesong", "Ulaanbaatar"]
TOPICS = ["denuclearization", "sanctions relief", "the liaison office", "family reunions",
          "the missile moratorium", "military confidence-building", "the peace declaration", "food aid",
          "the nuclear test site", "verification", "the joint statement", "railway links", "tourism projects",
          "border guard posts"]
TRACKS = ["inter-korean", "us-dprk", "six-party", "military", "humanitarian", "sanctions"]
PUBLICATIONS = ["The Korea Herald", "Yonhap", "The Korea Times", "NK News", "Reuters", "The Hankyoreh"]
REPORTERS = ["Jane Miller", "Tom Baker", "Anna Schmidt", "Paul Dupont", "Maria Rossi", "David Chen"]
KINDS_OF_MEETING = ["working-level talks", "summit", "envoy visit", "ministerial meeting", "military talks",
                    "phone call", "Red Cross talks"]

MILESTONE_SUBJECTS = ["Opening of a liaison office in {place}", "Declaration of nuclear stockpiles agreed in {place}",
                      "Dismantling of a test site named in {place}", "Reunions of separated families in {place}",
                      "Removal of guard posts agreed in {place}", "Reconnection of railways via {place}",
                      "Food aid shipments announced in {place}", "End-of-war declaration drafted in {place}"]
MILESTONE_PATHS = [["proposed", "agreed", "scheduled", "delayed", "done"],
                   ["proposed", "agreed", "scheduled", "done", "broken"],
                   ["proposed", "scheduled", "delayed", "cancelled", "proposed"],
                   ["agreed", "scheduled", "delayed", "scheduled", "done"],
                   ["proposed", "agreed", "delayed", "scheduled", "cancelled"]]
NOTES = ["Reported as {status} after talks in {place}.", "Officials in {place} described the plan as {status}.",
         "The step was {status}, according to diplomats in {place}."]

WHO_SENTENCES = [
    "{name}, {title} of {org}, said the talks on {topic} would need more time.",
    "According to {name}, the delegation raised {topic} with their counterparts in {place}.",
    "{name} met the visiting delegation in {place} and discussed {topic} for several hours.",
    "{name} is expected to travel to {place} next month to discuss {topic}.",
    "Diplomats said {name} had pressed for a timetable on {topic} during the closed session.",
]
SPEECH = [
    "We will not give up on {topic}",
    "The other side must take the first step on {topic}",
    "There was real progress on {topic} today",
    "Nobody should expect a breakthrough on {topic} this year",
    "Our position on {topic} has not changed since the last round",
]
BACKGROUND = [
    "Officials in {place} said the negotiations on {topic} had entered a difficult phase.",
    "The discussions on {topic} were expected to continue at the working level in {place}.",
    "Analysts noted that progress on {topic} depended on the mood of the wider talks.",
    "A government spokesperson in {place} declined to comment on {topic} ahead of the meeting.",
    "The two delegations met for {n} hours and agreed to meet again within weeks.",
    "Diplomats familiar with the talks said {topic} remained the main stumbling block.",
    "Critics argued that the latest round failed to bring tangible results on {topic}.",
    "The statement issued in {place} did not mention {topic} at all.",
    "Observers expect a further round of talks in {place} before the end of the year.",
    "Previous agreements on {topic} were never fully implemented, experts said.",
    "The delegation flew back from {place} late in the evening without briefing reporters.",
    "Markets in {place} reacted calmly to the news about {topic}.",
    "Some lawmakers demanded that the government disclose the details of the talks on {topic}.",
    "The envoys exchanged draft texts on {topic} but did not sign anything.",
    "Security was tight around the venue in {place} as the delegations arrived.",
    "Talks on {topic} have gone through {n} rounds since the process began.",
]
