package win.pvdify.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** completion bash|zsh: the completion script, generated from the command model by picocli. */
@Command(name = "completion", description = {"Print a shell completion script.",
    "bash: source <(pvdify completion bash)   zsh: source <(pvdify completion zsh)"})
final class CompletionCommand implements Callable<Integer> {
    enum Shell { bash, zsh }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("pvdify", spec.root().commandLine());
        // one script for both: in zsh it loads bashcompinit itself (shell is still checked, for a clear error)
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
