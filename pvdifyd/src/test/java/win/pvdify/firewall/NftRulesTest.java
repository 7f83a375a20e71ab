package win.pvdify.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NftRulesTest {

    @Test
    void appNetworksReachOnlyThePublicPortsOfTheHostAndNoLoopbackOrLinkLocalBeyondIt() {
        assertEquals("""
                # Written by pvdifyd: isolation of app networks (10.213.0.0/16). Replaced as a whole.
                table inet pvdify
                delete table inet pvdify
                table inet pvdify {
                \tchain input {
                \t\ttype filter hook input priority filter - 10; policy accept;
                \t\tiifname "lo" accept
                \t\tip saddr 10.213.0.0/16 ct state established,related accept
                \t\tip saddr 10.213.0.0/16 tcp dport { 80, 443 } accept
                \t\tip saddr 10.213.0.0/16 counter drop
                \t}
                \tchain forward {
                \t\ttype filter hook forward priority filter - 10; policy accept;
                \t\tip saddr 10.213.0.0/16 ip daddr { 127.0.0.0/8, 169.254.0.0/16 } counter drop
                \t}
                }
                """, NftRules.render("pvdify", "10.213.0.0/16", List.of(80, 443)));
    }

    @Test
    void noHostPortsMeansNoHostAtAll() {
        String rules = NftRules.render("t", "10.1.0.0/24", List.of());
        assertEquals(false, rules.contains("dport"), rules);
    }

    @Test
    void hostileNamesAndAddressesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NftRules.render("pvdify; flush ruleset", "10.0.0.0/8",
                List.of()));
        assertThrows(IllegalArgumentException.class, () -> NftRules.render("Pvdify", "10.0.0.0/8", List.of()));
        assertThrows(IllegalArgumentException.class, () -> NftRules.render("pvdify", "10.0.0.0/8 }", List.of()));
        assertThrows(IllegalArgumentException.class, () -> NftRules.render("pvdify", "10.0.0.0/8", List.of(0)));
    }
}
