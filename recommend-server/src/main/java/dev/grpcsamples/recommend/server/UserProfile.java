package dev.grpcsamples.recommend.server;

import dev.grpcsamples.recommend.Category;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How much a user likes each category, from 0 to 1 (their favourite is 1).
 *
 * <p>A real service would read this from a profile store fed by what the user clicked. Here it is
 * derived from the user id alone: the same user always gets the same profile, and different users get
 * different favourites, which is all the ranking needs to be real and testable.
 */
final class UserProfile {
  private UserProfile() {}

  static Map<Category, Double> affinity(int userId) {
    SplittableRandom random = new SplittableRandom(userId * 0x9E3779B97F4A7C15L);
    Map<Category, Double> weights = new EnumMap<>(Category.class);
    double max = 0;
    for (Category c : Category.values()) {
      if (c == Category.CATEGORY_UNSPECIFIED || c == Category.UNRECOGNIZED) {
        continue;
      }
      // Cubing makes a few categories clear favourites instead of all being alike.
      double w = Math.pow(random.nextDouble(), 3);
      weights.put(c, w);
      max = Math.max(max, w);
    }
    double top = max;
    weights.replaceAll((c, w) -> w / top);
    return weights;
  }
}
