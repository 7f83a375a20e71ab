package win.pvdify.engine;

import java.util.function.Consumer;
import win.pvdify.api.DeployProgress;

/**
 * Passes deploy progress to the caller until the caller fails (a CLI that disconnected mid-deploy): from then
 * on lines are dropped. The deploy itself must never fail or be undone because nobody is listening anymore.
 */
final class ProgressSink implements Consumer<DeployProgress> {
    private Consumer<DeployProgress> target;

    ProgressSink(Consumer<DeployProgress> target) {
        this.target = target;
    }

    @Override
    public void accept(DeployProgress line) {
        if (target == null) {
            return;
        }
        try {
            target.accept(line);
        } catch (RuntimeException e) {
            target = null;
        }
    }
}
