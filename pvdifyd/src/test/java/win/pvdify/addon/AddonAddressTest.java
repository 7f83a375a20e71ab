package win.pvdify.addon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AddonAddressTest {
    @Test
    void theTopOfTheSubnetFirstSkippingTakenOnes() {
        assertEquals(Optional.of("10.213.4.254"), AddonAddress.pick("10.213.4.0/24", Set.of()));
        assertEquals(Optional.of("10.213.4.253"), AddonAddress.pick("10.213.4.0/24", Set.of("10.213.4.254")));
        assertEquals(Optional.of("10.88.255.254"), AddonAddress.pick("10.88.0.0/16", Set.of()));
        assertEquals(Optional.of("10.213.4.254"), AddonAddress.pick("10.213.4.17/24", Set.of()));
    }

    @Test
    void aFullRangeOrABadSubnetGivesNone() {
        Set<String> taken = new HashSet<>();
        for (int i = 1; i <= AddonAddress.MAX_PER_NETWORK; i++) {
            taken.add("10.213.4." + (255 - i));
        }
        assertEquals(Optional.empty(), AddonAddress.pick("10.213.4.0/24", taken));
        for (String bad : new String[] {null, "", "10.213.4.0", "fd00::/64", "10.213.4.0/30", "10.213.4.0/x",
                "300.1.1.1/24", "1.2.3/24", "10.213.4.0/24/1"}) {
            assertEquals(Optional.empty(), AddonAddress.pick(bad, Set.of()), String.valueOf(bad));
        }
    }

    @Test
    void versionsAndImagesFollowTheSettings() {
        AddonSettings s = new AddonSettings("localhost/pvdify-test/postgres:15", "docker.io/library/redis:7");
        assertEquals("15", s.defaultVersion(AddonKind.POSTGRES));
        assertEquals(Optional.of("localhost/pvdify-test/postgres:16"), s.image(AddonKind.POSTGRES, "16"));
        assertEquals(Optional.empty(), s.image(AddonKind.POSTGRES, "9"));
        assertEquals(Optional.empty(), s.image(AddonKind.REDIS, "16"));
        assertEquals("16", AddonSettings.DEFAULTS.defaultVersion(AddonKind.POSTGRES));
    }

    @Test
    void urlsEncodeThePasswordAndMaskIt() {
        assertEquals("postgres://pvdify:a%2Fb%40c@10.0.0.254:5432/pvdify", AddonUrl.of(AddonKind.POSTGRES, "a/b@c",
                "10.0.0.254"));
        assertEquals("redis://default:*****@10.0.0.254:6379", AddonUrl.masked(AddonKind.REDIS, "10.0.0.254"));
        assertEquals("postgres://pvdify:*****@10.0.0.254:5432/pvdify", AddonUrl.masked(AddonKind.POSTGRES,
                "10.0.0.254"));
    }

    @Test
    void namesAreDnsLabels() {
        assertEquals(null, Addon.nameProblem("shop-db-2"));
        for (String bad : new String[] {null, "", "Shop", "-db", "db-", "a_b", "a".repeat(31), "../x", "db\n"}) {
            assertEquals(true, Addon.nameProblem(bad) != null, String.valueOf(bad));
        }
        assertEquals(null, Addon.varProblem("DATABASE_URL"));
        assertEquals(true, Addon.varProblem("PATH") != null);
        assertEquals(true, Addon.varProblem("LD_PRELOAD_URL\n") != null);
    }
}
