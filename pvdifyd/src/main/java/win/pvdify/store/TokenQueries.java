package win.pvdify.store;

import static win.pvdify.store.schema.Tables.TOKENS;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import win.pvdify.api.Token;
import win.pvdify.store.schema.tables.records.TokensRecord;

/** API tokens, stored as SHA-256 hashes of their secrets. */
public final class TokenQueries {
    private final Database db;
    private final Clock clock;
    /** Every API request looks its token up: answered from memory until the next write (a revoke is one). */
    private final ReadCache<String, Optional<Token>> byHash;

    public TokenQueries(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.byHash = new ReadCache<>(db, 10_000);
    }

    public void insert(String id, String hash, Token.Kind kind, String app, String description) {
        db.write(ctx -> ctx.insertInto(TOKENS)
                .set(TOKENS.ID, id)
                .set(TOKENS.HASH, hash)
                .set(TOKENS.KIND, kind.wire())
                .set(TOKENS.APP, app)
                .set(TOKENS.DESCRIPTION, description)
                .set(TOKENS.CREATED_AT, clock.millis())
                .execute());
    }

    public Optional<Token> byHash(String hash) {
        return byHash.get(hash, h -> db.read(ctx -> ctx.selectFrom(TOKENS).where(TOKENS.HASH.eq(h)).fetchOptional(TokenQueries::toToken)));
    }

    public Optional<Token> find(String id) {
        return db.read(ctx -> ctx.selectFrom(TOKENS).where(TOKENS.ID.eq(id)).fetchOptional(TokenQueries::toToken));
    }

    public List<Token> list() {
        return db.read(ctx -> ctx.selectFrom(TOKENS).orderBy(TOKENS.CREATED_AT, TOKENS.ID).fetch(TokenQueries::toToken));
    }

    public int countAdmins() {
        return db.read(ctx -> ctx.fetchCount(TOKENS, TOKENS.KIND.eq(Token.Kind.ADMIN.wire())));
    }

    public void touch(String id) {
        db.write(ctx -> ctx.update(TOKENS).set(TOKENS.LAST_USED_AT, clock.millis()).where(TOKENS.ID.eq(id)).execute());
    }

    public boolean delete(String id) {
        return db.write(ctx -> ctx.deleteFrom(TOKENS).where(TOKENS.ID.eq(id)).execute()) > 0;
    }

    private static Token toToken(TokensRecord r) {
        return new Token(r.getId(), r.getKind(), r.getApp(), r.getDescription(), Instant.ofEpochMilli(r.getCreatedAt()),
                r.getLastUsedAt() == null ? null : Instant.ofEpochMilli(r.getLastUsedAt()));
    }
}
