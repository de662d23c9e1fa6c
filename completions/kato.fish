# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kato_global_optspecs
    string join \n root= v/verbose q/quiet yes h/help V/version
end

function __fish_kato_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kato_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kato_using_subcommand
    set -l cmd (__fish_kato_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kato -n "__fish_kato_needs_command" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_needs_command" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_needs_command" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_needs_command" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_needs_command" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_needs_command" -s V -l version -d 'Print version'
complete -c kato -n "__fish_kato_needs_command" -f -a "config" -d 'Read and change configuration values of cluster components'
complete -c kato -n "__fish_kato_needs_command" -f -a "history" -d 'Show the kato commands that have been run'
complete -c kato -n "__fish_kato_needs_command" -f -a "info" -d 'Show information about this node or cluster, including assigned and available roles'
complete -c kato -n "__fish_kato_needs_command" -f -a "node" -d 'Set up, attach and manage cluster nodes'
complete -c kato -n "__fish_kato_needs_command" -f -a "role" -d 'Add, remove and describe the roles of a node'
complete -c kato -n "__fish_kato_needs_command" -f -a "version" -d 'Display the version being run'
complete -c kato -n "__fish_kato_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -f -a "get" -d 'Show a component, a value inside it, or every component'
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -f -a "set" -d 'Set a value (read from stdin when VALUE is left out)'
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -f -a "del" -d 'Delete a key'
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -f -a "push" -d 'Append a value to a list'
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -f -a "pop" -d 'Remove a value from a list'
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from get" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from get" -s j -l json -d 'JSON: parse VALUE as JSON, and print JSON'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from get" -s y -l yaml -d 'YAML: parse VALUE as YAML (YAML is the default output)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from get" -s f -l flat -d 'Print one "/component/key/path = value" line per leaf value'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from get" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -s j -l json -d 'JSON: parse VALUE as JSON, and print JSON'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -s y -l yaml -d 'YAML: parse VALUE as YAML (YAML is the default output)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -s f -l flat -d 'Print one "/component/key/path = value" line per leaf value'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -l force -d 'Allow replacing a value by one of another type, or protected cluster keys'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from del" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from del" -l force -d 'Allow deleting protected cluster keys (endpoint, mbusip)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from del" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from del" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from del" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from del" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from del" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -s j -l json -d 'JSON: parse VALUE as JSON, and print JSON'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -s y -l yaml -d 'YAML: parse VALUE as YAML (YAML is the default output)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -s f -l flat -d 'Print one "/component/key/path = value" line per leaf value'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -l force -d 'Allow replacing a value by one of another type, or protected cluster keys'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -s j -l json -d 'JSON: parse VALUE as JSON, and print JSON'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -s y -l yaml -d 'YAML: parse VALUE as YAML (YAML is the default output)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -s f -l flat -d 'Print one "/component/key/path = value" line per leaf value'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -l force -d 'Allow replacing a value by one of another type, or protected cluster keys'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show a component, a value inside it, or every component'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set a value (read from stdin when VALUE is left out)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "del" -d 'Delete a key'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "push" -d 'Append a value to a list'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "pop" -d 'Remove a value from a list'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand history" -s n -l node -d 'Only show commands run on this node id' -r
complete -c kato -n "__fish_kato_using_subcommand history" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand history" -s j -l json -d 'Print JSON'
complete -c kato -n "__fish_kato_using_subcommand history" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand history" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand history" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand history" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand info" -s n -l node -d 'Show a specific cluster node' -r
complete -c kato -n "__fish_kato_using_subcommand info" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand info" -s j -l json -d 'Print JSON'
complete -c kato -n "__fish_kato_using_subcommand info" -s y -l yaml -d 'Print YAML'
complete -c kato -n "__fish_kato_using_subcommand info" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand info" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand info" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand info" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from list setup help" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from list setup help" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from list setup help" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from list setup help" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from list setup help" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from list setup help" -f -a "list" -d 'List all nodes known to this cluster'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from list setup help" -f -a "setup" -d 'Configure this node as a core, a micro cloud or a load balancer'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from list setup help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from list" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from list" -s j -l json -d 'Print JSON'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from list" -s y -l yaml -d 'Print YAML'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from list" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from setup" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from setup" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from setup" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from setup" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from setup" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from setup" -f -a "core" -d 'Configure this node as the core node of a cluster'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from setup" -f -a "micro" -d 'Configure this node as a micro cloud'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from setup" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "list" -d 'List all nodes known to this cluster'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "setup" -d 'Configure this node as a core, a micro cloud or a load balancer'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand role; and not __fish_seen_subcommand_from add remove info help" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand role; and not __fish_seen_subcommand_from add remove info help" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand role; and not __fish_seen_subcommand_from add remove info help" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand role; and not __fish_seen_subcommand_from add remove info help" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand role; and not __fish_seen_subcommand_from add remove info help" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand role; and not __fish_seen_subcommand_from add remove info help" -f -a "add" -d 'Enable roles on a node'
complete -c kato -n "__fish_kato_using_subcommand role; and not __fish_seen_subcommand_from add remove info help" -f -a "remove" -d 'Disable roles on a node'
complete -c kato -n "__fish_kato_using_subcommand role; and not __fish_seen_subcommand_from add remove info help" -f -a "info" -d 'Display the processes of roles'
complete -c kato -n "__fish_kato_using_subcommand role; and not __fish_seen_subcommand_from add remove info help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -s n -l node -d 'Act on this cluster node instead of this one' -r
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -s a -l all -d 'Enable every role that may be added (not load_balancer)'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -s b -l all-but -d 'Enable every role except the ROLEs given'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -s o -l only -d 'Enable only the ROLEs given, removing the node\'s other roles'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -s s -l no-start -d 'Do not start the roles\' processes'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -l force -d 'Allow --only to remove the last node of a required role'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -s n -l node -d 'Act on this cluster node instead of this one' -r
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -s a -l all -d 'Disable every role of the node'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -s b -l all-but -d 'Disable every role of the node except the ROLEs given'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -l force -d 'Remove the last node of a required role (primary, controller, router, dea)'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from info" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from info" -s j -l json -d 'Print JSON'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from info" -s y -l yaml -d 'Print YAML'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from info" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from info" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from info" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "add" -d 'Enable roles on a node'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Disable roles on a node'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "info" -d 'Display the processes of roles'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand version" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand version" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand version" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand version" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand version" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config history info node role version help" -f -a "config" -d 'Read and change configuration values of cluster components'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config history info node role version help" -f -a "history" -d 'Show the kato commands that have been run'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config history info node role version help" -f -a "info" -d 'Show information about this node or cluster, including assigned and available roles'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config history info node role version help" -f -a "node" -d 'Set up, attach and manage cluster nodes'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config history info node role version help" -f -a "role" -d 'Add, remove and describe the roles of a node'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config history info node role version help" -f -a "version" -d 'Display the version being run'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config history info node role version help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get" -d 'Show a component, a value inside it, or every component'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Set a value (read from stdin when VALUE is left out)'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "del" -d 'Delete a key'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "push" -d 'Append a value to a list'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "pop" -d 'Remove a value from a list'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "list" -d 'List all nodes known to this cluster'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "setup" -d 'Configure this node as a core, a micro cloud or a load balancer'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "add" -d 'Enable roles on a node'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "remove" -d 'Disable roles on a node'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "info" -d 'Display the processes of roles'
