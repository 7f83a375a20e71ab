package win.pvdify.commands;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;
import win.pvdify.api.Build;
import win.pvdify.api.Operation;
import win.pvdify.build.BuildLimits;
import win.pvdify.build.BuildRecipe;
import win.pvdify.build.ImageBuilder;
import win.pvdify.build.SourceArchive;
import win.pvdify.ops.OperationContext;
import win.pvdify.ops.OperationFailed;
import win.pvdify.ops.OperationKind;
import win.pvdify.ops.OperationQueue;
import win.pvdify.ops.OperationWork;
import win.pvdify.ops.Refused;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;
import win.pvdify.store.StoredBuild;
import win.pvdify.store.StoredOperation;

/**
 * Builds from source: the source (an uploaded tarball, or a pushed commit packed as one) is checked and kept under
 * the build dir, a build row records it, and one operation (kind build) builds the image
 * (localhost/pvdify/APP:build-N), then records and runs its release exactly like an image deploy. Its events are
 * the build output. A failed build or release fails the operation and the old release keeps serving.
 */
public final class BuildChanges {
    private final Store store;
    private final OperationQueue queue;
    private final ReleaseChanges releases;
    private final ImageBuilder builder;
    private final Path dir;
    private final BuildLimits limits;
    /** Free space a build leaves on the data dir's disk at least, besides its source. */
    static final long MIN_FREE_BYTES = 512L << 20;

    public BuildChanges(Store store, OperationQueue queue, ReleaseChanges releases, ImageBuilder builder, Path dir,
                        BuildLimits limits) {
        this.store = store;
        this.queue = queue;
        this.releases = releases;
        this.builder = builder;
        this.dir = dir;
        this.limits = limits;
    }

    public BuildLimits limits() {
        return limits;
    }

    /** The tag a build's image gets. */
    public static String imageOf(String app, int number) {
        return "localhost/pvdify/" + app + ":build-" + number;
    }

    /**
     * Checks the uploaded source while it streams (413 over the limit, 422 hostile or without a Dockerfile), then
     * records the build and queues its operation. sourceVersion null = the tarball's sha256.
     */
    public StoredBuild start(StoredApp app, InputStream source, Build.Source kind, String sourceVersion,
                             String description, String by) {
        AppChecks.notDeleting(app);
        Path appDir = dir.resolve(app.name());
        Path tmp;
        try {
            Files.createDirectories(appDir);
            tmp = appDir.resolve("upload-" + UUID.randomUUID() + ".tar");
            long free = Files.getFileStore(appDir).getUsableSpace();
            long needed = 2 * limits.maxSourceBytes() + MIN_FREE_BYTES;
            if (free < needed) {
                throw new Refused(507, "only " + (free >> 20) + " MiB are free under " + dir + ": a build needs "
                        + (needed >> 20) + " MiB (twice max_source_bytes, plus 512 MiB)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            SourceArchive.Checked checked;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                checked = SourceArchive.copy(source, out, limits.maxSourceBytes());
            } catch (SourceArchive.TooLarge e) {
                throw new Refused(413, e.getMessage() + " (max_source_bytes)");
            } catch (IOException e) {
                throw Refused.invalid("the source archive could not be read: " + e.getMessage());
            }
            BuildRecipe recipe = BuildRecipe.detect(checked.topFiles(), checked.topDirs(), limits.staticBaseImage())
                    .orElseThrow(() -> Refused.invalid("nothing to build: the top of the source has no Containerfile,"
                            + " Dockerfile, index.html or public/ directory"));
            if (recipe.template() != null) {
                Path templated = appDir.resolve("upload-" + UUID.randomUUID() + ".tar");
                try (InputStream in = Files.newInputStream(tmp); OutputStream out = Files.newOutputStream(templated)) {
                    SourceArchive.withFile(in, out, recipe.dockerfile(),
                            recipe.template().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                Files.move(templated, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            String procfile = procfile(checked);
            StoredBuild build = store.builds().insert(app.name(), kind,
                    sourceVersion != null ? sourceVersion : checked.sha256(), by);
            Path kept = archive(app.name(), build.number());
            Files.move(tmp, kept, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            String image = imageOf(app.name(), build.number());
            store.builds().setBuilder(app.name(), build.number(), recipe.builder(), image);
            String what = description != null ? description
                    : "Build " + build.number() + " (" + kind.wire() + " " + shortVersion(build.sourceVersion()) + ")";
            StoredOperation op;
            try {
                Map<String, String> params = ReleaseChanges.params(
                        "build", String.valueOf(build.number()), "image", image, "dockerfile", recipe.dockerfile(),
                        "description", what, "banner", recipe.banner());
                if (procfile != null) {
                    params.put("procfile", procfile);
                }
                op = queue.submit(app.name(), OperationKind.BUILD, what, by, params);
            } catch (Refused r) {
                store.builds().end(app.name(), build.number(), Build.Status.FAILED, r.getMessage());
                Files.deleteIfExists(kept);
                throw r;
            }
            store.builds().setOperation(app.name(), build.number(), op.id());
            return store.builds().find(app.name(), build.number()).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // an orphan upload file is removed with the app
            }
        }
    }

    /**
     * The Procfile's text when the source has one (checked now: a malformed one refuses the upload with its line
     * number, 422), else null.
     */
    private static String procfile(SourceArchive.Checked checked) {
        if (!checked.topFiles().contains("Procfile")) {
            return null;
        }
        byte[] bytes = checked.smallFiles().get("Procfile");
        if (bytes == null) {
            throw Refused.invalid("the Procfile is larger than " + SourceArchive.MAX_SMALL_FILE + " bytes");
        }
        try {
            win.pvdify.build.Procfile.parse(bytes);
        } catch (win.pvdify.build.Procfile.Invalid e) {
            throw Refused.invalid(e.getMessage());
        }
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The build as it is; a pending one whose operation ended without it (cancelled while queued, a restart) ends. */
    public StoredBuild settled(StoredBuild b) {
        if (b.status().ended() || b.operation() == null) {
            return b;
        }
        StoredOperation op = store.operations().find(b.operation()).orElse(null);
        if (op == null || !op.state().ended()) {
            return b;
        }
        Build.Status end = switch (op.state()) {
            case SUCCEEDED -> Build.Status.SUCCEEDED;
            case CANCELLED -> Build.Status.CANCELLED;
            default -> Build.Status.FAILED;
        };
        store.builds().end(b.app(), b.number(), end, op.state() == Operation.State.SUCCEEDED ? null : op.error());
        if (op.release() != null && b.release() == null) {
            store.builds().setRelease(b.app(), b.number(), op.release());
        }
        return store.builds().find(b.app(), b.number()).orElse(b);
    }

    /** Cancels a pending build (its operation: queued ones end at once, a running one stops its build). */
    public StoredBuild cancel(StoredBuild b, String by) {
        StoredBuild now = settled(b);
        if (now.status().ended() || now.operation() == null) {
            throw Refused.conflict("build " + b.number() + " has already ended (" + now.status().wire() + ")");
        }
        queue.cancel(now.operation(), by);
        return settled(store.builds().find(b.app(), b.number()).orElseThrow());
    }

    /** The work of a build operation: build the image, then the release path of an image deploy. */
    OperationWork work(StoredOperation op) {
        int number = Integer.parseInt(op.param("build"));
        OperationWork release = releases.work(op);
        return ctx -> {
            String app = op.app();
            try {
                build(ctx, app, number, op.param("image"), op.param("dockerfile"), op.param("banner"));
                release.run(ctx);
                Integer v = ctx.operation().release();
                if (v != null) {
                    store.builds().setRelease(app, number, v);
                    ctx.event("info", "-----> Released v" + v);
                }
                store.builds().end(app, number, Build.Status.SUCCEEDED, null);
                prune(ctx, app);
            } catch (RuntimeException e) {
                Integer v = ctx.operation().release();
                if (v != null) {
                    store.builds().setRelease(app, number, v);
                }
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                store.builds().end(app, number, ctx.cancelRequested() ? Build.Status.CANCELLED : Build.Status.FAILED,
                        why);
                prune(ctx, app);
                throw e;
            }
        };
    }

    private void build(OperationContext ctx, String app, int number, String image, String dockerfile, String banner) {
        Path context = archive(app, number);
        if (!Files.isRegularFile(context)) {
            throw new OperationFailed(409, "the source of build " + number + " is gone");
        }
        ctx.event("build", banner != null ? banner : "-----> Building with " + dockerfile);
        try {
            builder.build(context, dockerfile, image, Map.of("pvdify.app", app, "pvdify.build", String.valueOf(number)),
                    limits, line -> ctx.event("build", line), ctx.cancellation());
        } catch (ImageBuilder.BuildFailed e) {
            throw new OperationFailed(422, ctx.cancelRequested() ? "build cancelled" : "build failed: " + e.getMessage());
        }
        if (ctx.cancelRequested()) {
            throw new OperationFailed(409, "build cancelled");
        }
        ctx.event("build", "-----> Built " + image);
    }

    /**
     * Removes the images and sources of ended builds that none of the last releases runs (BuildRetention), so
     * rollback keeps working and the disk does not fill; best effort, a build whose source is gone was pruned.
     */
    private void prune(OperationContext ctx, String app) {
        try {
            var built = store.builds().list(app, Integer.MAX_VALUE).stream()
                    .filter(b -> Files.exists(archive(app, b.number())))
                    .map(b -> new win.pvdify.build.BuildRetention.Built(b.number(), b.status().wire(), b.image()))
                    .toList();
            for (var b : win.pvdify.build.BuildRetention.prunable(built, store.releases().list(app),
                    win.pvdify.build.BuildRetention.KEEP_RELEASES)) {
                builder.remove(b.image());
                Files.deleteIfExists(archive(app, b.number()));
            }
        } catch (IOException | RuntimeException e) {
            ctx.event("warning", "old builds of " + app + " were not pruned: " + e.getMessage());
        }
    }

    /** The app is being deleted: its build sources, git repository and built images go. */
    public void forget(String app) {
        for (StoredBuild b : store.builds().list(app, Integer.MAX_VALUE)) {
            if (b.image() != null) {
                builder.remove(b.image());
            }
        }
        Path appDir = dir.resolve(app);
        if (Files.exists(appDir)) {
            try (var files = Files.walk(appDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Where a build's checked source is kept (the build context Podman gets). */
    Path archive(String app, int number) {
        return dir.resolve(app).resolve(number + ".tar");
    }

    private static String shortVersion(String v) {
        if (v == null) {
            return "";
        }
        String hex = v.startsWith("sha256:") ? v.substring(7) : v;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
