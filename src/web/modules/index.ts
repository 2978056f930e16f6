/**
 * The web modules, one line each. A module registers its pages, menu items, resident tiles and
 * strings in its `module.tsx` (see src/web/app/navigation.tsx); importing it is all it takes.
 */
import './home/module';
import './places/module';
import './requests/module';
import './stations/module';
import './figures/module';
import './notifications/module';
import './votes/module';
import './deliberation/module';
import './fees/module';
import './ledgers/module';
import './ratings/module';
import './community/module';
import './members/module';
import './dashboard/module';
