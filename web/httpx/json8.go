package httpx

import (
	"github.com/kasip/kasip"
)

// searchKinds are the item kinds a query may ask for.
var SearchKinds = []string{
	kasip.KindStandard, kasip.KindCard, kasip.KindFunction, kasip.KindSkill,
	kasip.KindAbility, kasip.KindKnowledge, kasip.KindAction, kasip.KindTerm,
}
