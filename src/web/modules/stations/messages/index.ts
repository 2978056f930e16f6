import { combineMessages } from '../../../app/i18n';
import { commonMessages } from './common';
import { nightMessages } from './night';
import { workbenchMessages } from './workbench';

export const stationsMessages = combineMessages(commonMessages, workbenchMessages, nightMessages);
