package win.pvdify.store;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers read from the database, valid until the next committed write: the hot reads (a token per request, the
 * app list) become map lookups, and no write can be missed, since every write goes through {@link Database} and
 * moves its generation. An entry carries the generation read BEFORE its query, so an answer that raced a write
 * is never served after it. Bounded: past maxEntries the map starts afresh (e.g. a flood of unknown tokens).
 */
final class ReadCache<K, V> {
    private record Entry<V>(long generation, V value) {
    }

    private final Database db;
    private final int maxEntries;
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

    ReadCache(Database db, int maxEntries) {
        this.db = db;
        this.maxEntries = maxEntries;
    }

    V get(K key, Function<K, V> load) {
        long generation = db.generation();
        Entry<V> e = entries.get(key);
        if (e != null && e.generation() == generation) {
            return e.value();
        }
        V value = load.apply(key);
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry<>(generation, value));
        return value;
    }
}
