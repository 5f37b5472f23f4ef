/* Snowball Greek stemmer, written from the published algorithm (see greek.sbl of the
   Snowball project) for Prepbook's search; the build uses rust-stemmers, and
   tests/stemmers.rs checks the two agree word for word. Words are lowercase. */
(function (global) {
  "use strict";

  // Folding done first: capitals and accented letters to plain lowercase, final ς to σ
  // (so every table below spells sigma σ). As in the published algorithm, ϊ and ΐ fold to η.
  var FOLD_FROM = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΪΫΆΈΉΊΌΎΏάέήίόύώΐΰϊϋς";
  var FOLD_TO = "αβγδεζηθικλμνξοπρστυφχψωιυαεηιουωαεηιουωηυηυσ";
  var V = "αεηιουω", V2 = "αεηιοω";

  // A list of endings or words, looked up by the longest one the word ends with. Given an
  // object instead, each key replaces every word of its value ({ "φα": "φαγια φαγιου" }).
  function L(spec) {
    var t = { m: Object.create(null), n: 0 };
    function put(x, v) { t.m[x] = v; if (x.length > t.n) { t.n = x.length; } }
    if (typeof spec === "string") { spec.split(" ").forEach(function (x) { put(x, true); }); }
    else { Object.keys(spec).forEach(function (k) { spec[k].split(" ").forEach(function (x) { put(x, k); }); }); }
    return t;
  }

  // The word being stemmed, the cursor (rules read leftwards from it; each step, and each
  // `do (...)` inside one, starts again at the end: `c = w.length`) and Snowball's slice
  // [bra, ket), the part a match marked for rewriting. Slice and cursor matter beyond the rule
  // that set them in steps 4, 5a, 5b and 5c, so they are kept exactly as Snowball keeps them.
  var w, c, bra, ket, test1;
  // Thrown where the slice reaches past the end of the word (see from()).
  var PAST_THE_END = {};

  // Snowball's `[substring] among`: the longest entry of `list` ending at the cursor (null if
  // none); the slice becomes it and the cursor moves before it.
  function find(list) { ket = c; return among(list); }
  function among(list) {
    for (var n = Math.min(list.n, c); n > 0; n--) {
      var s = w.slice(c - n, c);
      if (list.m[s]) { bra = c -= n; return s; }
    }
    return null;
  }
  // The whole word before the cursor is one of `list` (if not, back to the end).
  function whole(list) {
    if (find(list) !== null && c === 0) { return true; }
    c = w.length;
    return false;
  }
  // The word ends with `s` at the cursor; the slice becomes it.
  function lit(s) {
    ket = c;
    if (c >= s.length && w.slice(c - s.length, c) === s) { bra = c -= s.length; return true; }
    return false;
  }
  // The letter before the cursor is one of `group`; the slice becomes it.
  function lastIn(group) {
    ket = c;
    if (c > 0 && group.indexOf(w.charAt(c - 1)) >= 0) { bra = c -= 1; return true; }
    return false;
  }
  // Rewrite the slice as `x`. The published algorithm can leave the slice reaching past the end
  // of the word (ισαισα, αδαιρετε): rust-stemmers 1.2.0 panics there, and the build keeps such
  // a word as it is (src/search/tokenize.rs), so the stemmer gives up on it too.
  function from(x) {
    if (bra > w.length || ket > w.length) { throw PAST_THE_END; }
    w = w.slice(0, bra) + x + w.slice(ket);
    if (c >= ket) { c += x.length - (ket - bra); } else if (c > bra) { c = bra; }
    return true;
  }
  function del() { from(""); }
  // Insert `x` at the cursor, moving slice edges at or after it.
  function insert(x) {
    w = w.slice(0, c) + x + w.slice(c);
    if (c <= bra) { bra += x.length; }
    if (c <= ket) { ket += x.length; }
  }
  // Remove the longest of `list` from the end; the word then counts as stemmed (test1 off).
  function drop(list) {
    if (find(list) === null) { return false; }
    del(); test1 = false; return true;
  }
  // Put `x` back after the slice (an ending removed too eagerly): Snowball's `-> s <- x insert s`.
  function add(x) {
    if (bra > ket || ket > w.length) { throw PAST_THE_END; }
    var s = w.slice(bra, ket);
    from(x);
    insert(s);
  }

  // Step 1: irregular nouns (φως/φωτος, κρεας/κρεατος...) to their stem.
  var S1 = L({ "φα": "φαγια φαγιου φαγιων", "σκα": "σκαγια σκαγιου σκαγιων", "ολο": "ολογιου ολογια ολογιων",
    "σο": "σογιου σογια σογιων", "τατο": "τατογια τατογιου τατογιων", "κρε": "κρεασ κρεατοσ κρεατα κρεατων",
    "περ": "περασ περατοσ περατη περατα περατων", "τερ": "τερασ τερατοσ τερατα τερατων",
    "φω": "φωσ φωτοσ φωτα φωτων", "καθεστ": "καθεστωσ καθεστωτοσ καθεστωτα καθεστωτων",
    "γεγον": "γεγονοσ γεγονοτοσ γεγονοτα γεγονοτων" });
  function step1() {
    var m = find(S1);
    if (m) { from(S1.m[m]); test1 = false; }
  }

  // Steps s1-s10: verb and noun endings; when what is left is one of the listed stems, part of
  // the ending goes back.
  var IZ = L("ιζα ιζεσ ιζε ιζαμε ιζατε ιζαν ιζανε ιζω ιζεισ ιζει ιζουμε ιζετε ιζουν ιζουνε"),
    IZ_I = L("αναμπα εμπα επα ξαναπα πα περιπα αθρο συναθρο δανε"),
    IZ_IZ = L("μαρκ κορν αμπαρ αρρ βαθυρι βαρκ β βολβορ γκρ γλυκορ γλυκυρ ιμπ λ λου μαρ μ πρ μπρ " +
      "πολυρ π ρ πιπερορ");
  function steps1() {
    if (!drop(IZ)) { return; }
    if (whole(IZ_I)) { add("ι"); } else if (whole(IZ_IZ)) { add("ιζ"); }
  }

  var OTHIK = L("ωθηκα ωθηκεσ ωθηκε ωθηκαμε ωθηκατε ωθηκαν ωθηκανε"), OTHIK_ON = L("αλ βι εν υψ λι ζω σ χ");
  function steps2() {
    if (drop(OTHIK) && whole(OTHIK_ON)) { add("ων"); }
  }

  var ISA = L("ισα ισεσ ισε ισαμε ισατε ισαν ισανε"),
    IS_I = L("αναμπα αθρο εμπα εσε εσωκλε επα ξαναπα επε περιπα συναθρο δανε κλε χαρτοπα εξαρχα " +
      "μετεπε αποκλε απεκλε εκλε πε"),
    ISA_IS = L("αν αφ γε γιγαντοαφ γκε δημοκρατ κομ γκ μ π πουκαμ ολο λαρ");
  function steps3() {
    if (!drop(ISA)) { return; }
    // (the slice is stale here: see from())
    if (w === "ισα") { from("ισ"); return; }
    if (whole(IS_I)) { add("ι"); } else if (whole(ISA_IS)) { add("ισ"); }
  }

  var ISO = L("ισω ισεισ ισει ισουμε ισετε ισουν ισουνε");
  function steps4() {
    if (drop(ISO) && whole(IS_I)) { add("ι"); }
  }

  var IST = L("ιστοσ ιστου ιστο ιστε ιστοι ιστων ιστουσ ιστη ιστησ ιστα ιστεσ"),
    IST_I = L("δανε συναθρο κλε σε εσωκλε ασε πλε"),
    IST_IST = L("μ π απ αρ ηδ κτ σκ σχ υψ φα χρ χτ ακτ αορ ασχ ατα αχν αχτ γεμ γυρ εμπ ευπ εχθ ηφα " +
      "καθ κακ κυλ λυγ μακ μεγ ταχ φιλ χωρ");
  function steps5() {
    if (!drop(IST)) { return; }
    if (whole(IST_I)) { add("ι"); } else if (whole(IST_IST)) { add("ιστ"); }
  }

  var ISM = L("ισμο ισμοι ισμοσ ισμου ισμουσ ισμων"), ISM_ISM = L("σε μετασε μικροσε εγκλε αποκλε"),
    ISM_I = L("δανε αντιδανε"),
    // these lose their last two letters as well
    ISM_IK = L("αγνωστικ ατομικ γνωστικ εθνικ εκλεκτικ σκεπτικ τοπικ αλεξανδριν βυζαντιν θεατριν");
  function steps6() {
    if (!drop(ISM)) { return; }
    if (whole(ISM_ISM)) { add("ισμ"); } else if (whole(ISM_I)) { add("ι"); } else {
      var m = find(ISM_IK);
      if (m) { from(m.slice(0, -2)); }
    }
  }

  var ARAKI = L("αρακι αρακια ουδακι ουδακια"), ARAKI_KEEP = L("σ χ");
  function steps7() {
    if (drop(ARAKI) && whole(ARAKI_KEEP)) { add("αρακ"); }
  }

  var AKI = L("ακι ακια ιτσα ιτσασ ιτσεσ ιτσων αρακι αρακια"),
    AKI_AK = L("βαμβ βρ καιμ κον κορ λαβρ λουλ μερ μουστ ναγκασ πλ ρ ρυ σ σκ σοκ σπαν τζ φαρμ χ καπακ " +
      "αλισφ αμβρ ανθρ κ φυλ κατραπ κλιμ μαλ σλοβ φ σφ τσεχοσλοβ"),
    AKI_ITS = L("β βαλ γιαν γλ ζ ηγουμεν καρδ κον μακρυν νυφ πατερ π σκ τοσ τριπολ");
  function steps8() {
    if (!drop(AKI)) { return; }
    if (whole(AKI_AK)) { add("ακ"); } else if (whole(AKI_ITS) || lit("κορ")) { add("ιτσ"); }
  }

  var IDIO = L("ιδιο ιδια ιδιων"), IDIO_WORD = L("αιφν ιρ ολο ψαλ"), IDIO_END = L("ε παιχν");
  function steps9() {
    if (drop(IDIO) && (whole(IDIO_WORD) || find(IDIO_END))) { add("ιδ"); }
  }

  var ISKO = L("ισκοσ ισκου ισκο ισκε"), ISKO_KEEP = L("δ ιβ μην ρ φραγκ λυκ οβελ");
  function steps10() {
    if (drop(ISKO) && whole(ISKO_KEEP)) { add("ισκ"); }
  }

  // Steps 2a-2d: -αδες, -εδες, -ουδες, -εως (the first three do not count as
  // stemming the word).
  var ADES = L("αδεσ αδων"), ADES_GO = L("οκ μαμ μαν μπαμπ πατερ γιαγι νταντ κυρ θει πεθερ");
  function step2a() {
    if (!find(ADES)) { return; }
    del();
    if (find(ADES_GO)) { return; }
    insert("αδ");
  }

  var EDES = L("εδεσ εδων"), EDES_KEEP = L("οπ ιπ εμπ υπ γηπ δαπ κρασπ μιλ");
  function step2b() {
    if (!find(EDES)) { return; }
    del();
    if (find(EDES_KEEP)) { add("εδ"); }
  }

  var OUDES = L("ουδεσ ουδων"),
    OUDES_KEEP = L("αρκ καλιακ πεταλ λιχ πλεξ σκ σ φλ φρ βελ λουλ χν σπ τραγ φε");
  function step2c() {
    if (!find(OUDES)) { return; }
    del();
    if (find(OUDES_KEEP)) { add("ουδ"); }
  }

  var EOS = L("εωσ εων"), EOS_KEEP = L("θ δ ελ γαλ ν π ιδ παρ");
  function step2d() {
    if (drop(EOS) && whole(EOS_KEEP)) { add("ε"); }
  }

  // Steps 3 and 4: -ια, -ικα...; after a vowel the ι (ικ) stays.
  var IA = L("ια ιου ιων");
  function step3() {
    if (drop(IA) && lastIn(V)) { add("ι"); }
  }

  var IKA = L("ικα ικο ικου ικων"),
    IKA_KEEP = L("αλ αδ ενδ αμαν αμμοχαλ ηθ ανηθ αντιδ φυσ βρωμ γερ εξωδ καλπ καλλιν καταδ μουλ μπαν " +
      "μπαγιατ μπολ μποσ νιτ ξικ συνομηλ πετσ πιτσ πικαντ πλιατσ ποστελν πρωτοδ σερτ συναδ τσαμ υποδ " +
      "φιλον φυλοδ χασ");
  // Steps 4, 5b and 5c read "(vowel before it: keep part) or [substring] atlimit among(...)".
  // Snowball's `or` binds tighter than the sequence, so the alternative is just the `[`: when
  // the vowel rule applied, the word list is still looked up, in the part before the vowel,
  // and a match there keeps the ending twice over (μηανε -> μηαανν).
  function step4() {
    if (!drop(IKA)) { return; }
    if (lastIn(V)) { add("ικ"); } else { ket = c; }
    if (among(IKA_KEEP) && c === 0) { add("ικ"); }
  }

  // Steps 5a-5m: verb endings, each with the stems that keep part of it.
  var AME_LONG = L("αγαμε ησαμε ουσαμε ηκαμε ηθηκαμε"),
    AME_KEEP = L("αναπ αποθ αποκ αποστ βουβ ξεθ ουλ πεθ πικρ ποτ σιχ χ");
  function step5a() {
    // the word αγαμε: Snowball rewrites the slice here without marking it first, so wherever
    // earlier steps left it (usually the whole word)
    if (w === "αγαμε") { from("αγαμ"); }
    c = w.length;
    drop(AME_LONG);
    c = w.length;
    if (!lit("αμε")) { return; }
    del(); test1 = false;
    if (whole(AME_KEEP)) { add("αμ"); }
  }

  var ANE_LONG = L("αγανε ησανε ουσανε ιοντανε ιοτανε ιουντανε οντανε οτανε ουντανε ηκανε ηθηκανε"),
    ANE_AGAN = L("τρ τσ"),
    ANE_KEEP = L("βετερ βουλκ βραχμ γ δραδουμ θ καλπουζ καστελ κορμορ λαοπλ μωαμεθ μ μουσουλμ ν ουλ " +
      "π πελεκ πλ πολισ πορτολ σαρακατσ σουλτ τσαρλατ ορφ τσιγγ τσοπ φωτοστεφ χ ψυχοπλ αγ γαλ γερ " +
      "δεκ διπλ αμερικαν ουρ πιθ πουριτ σ ζωντ ικ καστ κοπ λιχ λουθηρ μαιντ μελ σιγ σπ στεγ τραγ " +
      "τσαγ φ ερ αδαπ αθιγγ αμηχ ανικ ανοργ απηγ απιθ ατσιγγ βασ βασκ βαθυγαλ βιομηχ βραχυκ διατ " +
      "διαφ ενοργ θυσ καπνοβιομηχ καταγαλ κλιβ κοιλαρφ λιβ μεγλοβιομηχ μικροβιομηχ νταβ ξηροκλιβ " +
      "ολιγοδαμ ολογαλ πενταρφ περηφ περιτρ πλατ πολυδαπ πολυμηχ στεφ ταβ τετ υπερηφ υποκοπ " +
      "χαμηλοδαπ ψηλοταβ");
  function step5b() {
    if (drop(ANE_LONG) && whole(ANE_AGAN)) { add("αγαν"); }
    c = w.length;
    if (!lit("ανε")) { return; }
    del(); test1 = false;
    if (lastIn(V2)) { add("αν"); } else { ket = c; }
    if (among(ANE_KEEP) && c === 0) { add("αν"); }
  }

  var ISETE = L("ησετε"),
    ETE_END = L("οδ αιρ φορ ταθ διαθ σχ ενδ ευρ τιθ υπερθ ραθ ενθ ροθ σθ πυρ αιν συνδ συν συνθ χωρ " +
      "πον βρ καθ ευθ εκθ νετ ρον αρκ βαρ βολ ωφελ"),
    ETE_WORD = L("αβαρ βεν εναρ αβρ αδ αθ αν απλ βαρον ντρ σκ κοπ μπορ νιφ παγ παρακαλ σερπ σκελ " +
      "συρφ τοκ υ δ εμ θαρρ θ");
  function step5c() {
    drop(ISETE);
    c = w.length;
    if (!lit("ετε")) { return; }
    del(); test1 = false;
    if (lastIn(V2) || find(ETE_END)) { add("ετ"); } else { ket = c; }
    if (among(ETE_WORD) && c === 0) { add("ετ"); }
  }

  var ONTAS = L("οντασ ωντασ");
  function step5d() {
    if (!drop(ONTAS)) { return; }
    if (lit("αρχ") && c === 0) { add("οντ"); return; }
    c = w.length;
    if (lit("κρε")) { add("ωντ"); }
  }

  var OMASTE = L("ομαστε ιομαστε");
  function step5e() {
    if (drop(OMASTE) && lit("ον") && c === 0) { add("ομαστ"); }
  }

  var IESTE_KEEP = L("π απ συμπ ασυμπ ακαταπ αμεταμφ"), ESTE_KEEP = L("αλ αρ εκτελ ζ μ ξ παρακαλ προ νισ");
  function step5f() {
    if (lit("ιεστε")) {
      del(); test1 = false;
      if (whole(IESTE_KEEP)) { add("ιεστ"); }
    }
    c = w.length;
    if (!lit("εστε")) { return; }
    del(); test1 = false;
    if (whole(ESTE_KEEP)) { add("ιεστ"); }
  }

  var ITHIKA = L("ηθηκα ηθηκεσ ηθηκε"), IKA5 = L("ηκα ηκεσ ηκε"), IKA5_END = L("σκωλ σκουλ ναρθ σφ οθ πιθ"),
    IKA5_WORD = L("διαθ θ παρακαταθ προσθ συνθ");
  function step5g() {
    drop(ITHIKA);
    c = w.length;
    if (drop(IKA5) && (find(IKA5_END) || whole(IKA5_WORD))) { add("ηκ"); }
  }

  var OUSA = L("ουσα ουσεσ ουσε"),
    OUSA_END = L("ποδαρ βλεπ πανταχ φρυδ μαντιλ μαλλ κυματ λαχ ληγ φαγ ομ πρωτ"),
    OUSA_WORD = L("φαρμακ χαδ αγκ αναρρ βρομ εκλιπ λαμπιδ λεχ μ πατ ρ λ μεδ μεσαζ υποτειν αμ αιθ ανηκ " +
      "δεσποζ ενδιαφερ δε δευτερευ καθαρευ πλε τσα");
  function step5h() {
    if (drop(OUSA) && (find(OUSA_END) || whole(OUSA_WORD))) { add("ουσ"); }
  }

  var AGA = L("αγα αγεσ αγε"), AGA_NOT = L("ψοφ ναυλοχ"), AGA_END = L("οφ πελ χορτ λλ σφ ρπ φρ πρ λοχ σμην"),
    AGA_WORD = L("αβαστ πολυφ αδηφ παμφ ρ ασπ αφ αμαλ αμαλλι ανυστ απερ ασπαρ αχαρ δερβεν δροσοπ ξεφ " +
      "νεοπ νομοτ ολοπ ομοτ προστ προσωποπ συμπ συντ τ υποτ χαρ αειπ αιμοστ ανυπ αποτ αρτιπ διατ εν " +
      "επιτ κροκαλοπ σιδηροπ λ ναυ ουλαμ ουρ π τρ μ");
  function step5i() {
    if (!drop(AGA)) { return; }
    if (lit("κολλ") || (!find(AGA_NOT) && (find(AGA_END) || whole(AGA_WORD)))) { add("αγ"); }
  }

  var ISE = L("ησε ησου ησα"), ISE_KEEP = L("ν χερσον δωδεκαν ερημον μεγαλον επταν");
  function step5j() {
    if (drop(ISE) && whole(ISE_KEEP)) { add("ησ"); }
  }

  var ISTE = L("ηστε"), ISTE_KEEP = L("ασβ σβ αχρ χρ απλ αειμν δυσχρ ευχρ κοινοχρ παλιμψ");
  function step5k() {
    if (drop(ISTE) && whole(ISTE_KEEP)) { add("ηστ"); }
  }

  var OUNE = L("ουνε ησουνε ηθουνε"), OUNE_KEEP = L("ν ρ σπι στραβομουτσ κακομουτσ εξων");
  function step5l() {
    if (drop(OUNE) && whole(OUNE_KEEP)) { add("ουν"); }
  }

  var OUME = L("ουμε ησουμε ηθουμε"), OUME_KEEP = L("παρασουσ φ χ ωριοπλ αζ αλλοσουσ ασουσ");
  function step5m() {
    if (drop(OUME) && whole(OUME_KEEP)) { add("ουμ"); }
  }

  // Step 6: -ματα becomes -μα; then, only if no step above removed anything, the plain endings.
  var MATA = L("ματα ματων ματοσ"),
    ENDINGS = L("α αγατε αγαν αει αμαι αν ασ ασαι αται αω ε ει εισ ειτε εσαι εσ εται ι ιεμαι ιεμαστε " +
      "ιεται ιεσαι ιεσαστε ιομασταν ιομουν ιομουνα ιονταν ιοντουσαν ιοσασταν ιοσαστε ιοσουν ιοσουνα " +
      "ιοταν ιουμα ιουμαστε ιουνται ιουνταν η ηδεσ ηδων ηθει ηθεισ ηθειτε ηθηκατε ηθηκαν ηθουν ηθω " +
      "ηκατε ηκαν ησ ησαν ησατε ησει ησεσ ησουν ησω ο οι ομαι ομασταν ομουν ομουνα ονται ονταν " +
      "οντουσαν οσ οσασταν οσαστε οσουν οσουνα οταν ου ουμαι ουμαστε ουν ουνται ουνταν ουσ ουσαν " +
      "ουσατε υ υσ ω ων");
  function step6() {
    if (find(MATA)) { from("μα"); }
    c = w.length;
    if (test1 && find(ENDINGS)) { del(); }
  }

  // Step 7: comparatives and superlatives (-οτερ, -εστατ...).
  var COMPARATIVE = L("εστερ εστατ οτερ οτατ υτερ υτατ ωτερ ωτατ");
  function step7() {
    if (find(COMPARATIVE)) { del(); }
  }

  var STEPS = [step1, steps1, steps2, steps3, steps4, steps5, steps6, steps7, steps8, steps9, steps10,
    step2a, step2b, step2c, step2d, step3, step4, step5a, step5b, step5c, step5d, step5e, step5f,
    step5g, step5h, step5j, step5i, step5k, step5l, step5m, step6, step7];

  function stem(word) {
    w = "";
    for (var i = 0; i < word.length; i++) {
      var ch = word.charAt(i), k = FOLD_FROM.indexOf(ch);
      w += k >= 0 ? FOLD_TO.charAt(k) : ch;
    }
    c = bra = ket = 0;
    // words shorter than three letters (characters, not UTF-16 units) are only folded
    if (w.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, "x").length < 3) { return w; }
    test1 = true;
    try {
      for (var j = 0; j < STEPS.length; j++) { c = w.length; STEPS[j](); }
    } catch (e) {
      if (e === PAST_THE_END) { return word; }
      throw e;
    }
    return w;
  }

  if (typeof module === "object" && module.exports) { module.exports = stem; }
  else { (global.PrepbookStemmers = global.PrepbookStemmers || {}).greek = stem; }
})(this);
