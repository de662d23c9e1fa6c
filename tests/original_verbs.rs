//! What scripts written for the original meet at the command line: the 2.x verbs that
//! moved answer with the original's redirect messages, a group given alone prints its
//! usage (exit 0), and "did you mean" never names a hidden subcommand.

mod harness;
use harness::sandbox::Sandbox;

#[test]
fn moved_verbs_groups_alone_and_hidden_suggestions() {
    let sb = Sandbox::new();
    let before = sb.tree();
    for (args, want) in [
        (&["attach", "10.0.0.1"][..], "ERROR: 'kato attach' is now 'kato node attach'\n"),
        (&["tail"][..], "ERROR: 'kato tail' is now 'kato log tail'\n"),
        (&["ready"][..], "ERROR: 'kato ready' is now 'kato process ready'\n"),
        (&["enable", "dea"][..], "ERROR: 'kato enable' is now 'kato role add'\n"),
        (&["disable", "dea"][..], "ERROR: 'kato disable' is now 'kato role remove'\n"),
        (&["rename", "x.example.org"][..], "ERROR: 'kato rename' is now 'kato node rename'\n"),
        (&["-v", "setup", "micro"][..], "ERROR: 'kato setup micro' is now 'kato node setup micro'\n"),
        (&["drain", "add"][..], "ERROR: 'kato drain' is now 'kato log drain'\n"),
        (&["ls"][..], "ERROR: 'kato ls' is now 'kato status --all'\n"),
        (&["migrate"][..], "ERROR: 'kato migrate' has been integrated into 'kato import' and 'kato export'.\n"),
    ] {
        let r = sb.run(args);
        r.fails(2);
        assert_eq!(r.stderr, want, "{args:?}");
        assert_eq!(r.stdout, "", "{args:?}");
    }
    // Where the word is a subcommand's argument or a current command, nothing is redirected.
    let r = sb.run(&["node", "tail"]);
    r.fails(2);
    assert!(r.stderr.starts_with("ERROR: unrecognized subcommand 'tail'"), "{}", r.stderr);

    // A group alone prints that group's usage on stdout, exit 0.
    for (args, usage, sub) in [
        (&["node"][..], "Usage: kato node [OPTIONS] <COMMAND>", "  attach"),
        (&["node", "setup"][..], "Usage: kato node setup [OPTIONS] <COMMAND>", "  micro"),
        (&["op"][..], "Usage: kato op [OPTIONS] <COMMAND>", "  static_ip"),
        (&["config"][..], "Usage: kato config [OPTIONS] <COMMAND>", "  get"),
        (&["-q", "role"][..], "Usage: kato role [OPTIONS] <COMMAND>", "  add"),
    ] {
        let r = sb.run(args);
        r.ok();
        assert!(r.stdout.lines().any(|l| l == usage), "{args:?}: {}", r.stdout);
        assert!(r.stdout.lines().any(|l| l.starts_with(sub)), "{args:?}: {}", r.stdout);
        assert_eq!(r.stderr, "", "{args:?}");
    }

    // Suggestions name visible commands only.
    for word in ["remote", "__remot", "privileged", "_remote"] {
        let r = sb.run(&[word]);
        r.fails(2);
        assert_eq!(r.stderr, format!("ERROR: unrecognized subcommand '{word}'; see 'kato --help'\n"));
    }
    let r = sb.run(&["confg"]);
    r.fails(2);
    assert!(r.stderr.contains("(a similar subcommand exists: 'config')"), "{}", r.stderr);
    assert_eq!(before, sb.tree(), "a refused or help-only command changed the root");
}
