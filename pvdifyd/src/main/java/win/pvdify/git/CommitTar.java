package win.pvdify.git;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A pushed commit's tree as a tar (what `git archive` makes): regular and executable files, symlinks; submodules
 * are left out. The tar then goes through the same checks as an uploaded one (SourceArchive).
 */
final class CommitTar {
    private CommitTar() {
    }

    static void write(Repository repo, ObjectId commitId, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
            RevCommit commit = walk.parseCommit(commitId);
            long time = commit.getCommitTime() * 1000L;
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                FileMode mode = tree.getFileMode(0);
                String path = tree.getPathString();
                if (mode == FileMode.GITLINK) {
                    continue;
                }
                ObjectLoader blob = repo.open(tree.getObjectId(0));
                if (mode == FileMode.SYMLINK) {
                    TarArchiveEntry e = new TarArchiveEntry(path, TarArchiveEntry.LF_SYMLINK);
                    e.setLinkName(new String(blob.getBytes(), StandardCharsets.UTF_8));
                    e.setModTime(time);
                    tar.putArchiveEntry(e);
                    tar.closeArchiveEntry();
                    continue;
                }
                TarArchiveEntry e = new TarArchiveEntry(path, TarArchiveEntry.LF_NORMAL);
                e.setMode(mode == FileMode.EXECUTABLE_FILE ? 0100755 : 0100644);
                e.setSize(blob.getSize());
                e.setModTime(time);
                tar.putArchiveEntry(e);
                blob.copyTo(tar);
                tar.closeArchiveEntry();
            }
        }
        tar.finish();
        tar.flush();
    }
}
